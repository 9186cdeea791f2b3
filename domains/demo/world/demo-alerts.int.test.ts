import { expect, it } from "vitest";
import { getPool } from "../../../lib/db";
import { seedDemoAlerts } from "./demo-alerts";
import { planDemoWorld } from "./plan-demo-world";
import { seedDemoWorld } from "./seed-demo-world";

// The demo world ships an anomaly rule and replays it over the last four weeks from the rollups:
// the Alerts history then shows the spike day, with expected and observed volumes, and the loop burst.

const DAY_MS = 86_400_000;
const WORLD = { events: 20_000, days: 90, seed: 42, now: Date.now() };

it("given the demo world, the order anomaly rule fires on the spike day and resolves after it, computed from the rollups", async () => {
  const seeded = await seedDemoWorld(WORLD);
  expect(seeded.seeded).toBe(true);
  const lines: string[] = [];
  await seedDemoAlerts({ log: (l) => lines.push(l), now: WORLD.now });
  const spikeDay = planDemoWorld(WORLD).spikeDay!;

  const { rows } = await getPool().query<{ fired_at: string; resolved_at: string | null; state: string; details: { observed: number; expected: number; ratio: number; weeksUsed: number; hour: string } }>(
    `SELECT a.fired_at, a.resolved_at, a.state, a.details FROM alerts a JOIN alert_rules r ON r.id = a.rule_id
      WHERE r.kind = 'volume_anomaly' ORDER BY a.fired_at`,
  );
  expect(lines.join("\n")).toMatch(/replayed over 28 days: [1-9]\d* alert\(s\) fired/);
  expect(rows.length).toBeGreaterThanOrEqual(1);
  // It fires during the spike day itself.
  expect(Date.parse(rows[0].fired_at)).toBeGreaterThanOrEqual(spikeDay);
  expect(Date.parse(rows[0].fired_at)).toBeLessThan(spikeDay + DAY_MS);
  // Every alert is about a window (the last six complete hours) that overlaps the spike day, and is resolved by now.
  for (const a of rows) {
    const start = Date.parse(a.details.hour);
    expect(start + 6 * 3_600_000).toBeGreaterThan(spikeDay);
    expect(start).toBeLessThan(spikeDay + DAY_MS);
    expect(a.state).toBe("resolved");
    expect(a.details.weeksUsed).toBe(4);
    expect(a.details.ratio).toBeGreaterThanOrEqual(3);
    expect(a.details.observed).toBeGreaterThan(a.details.expected);
  }
  // Replayed history is not news: nothing was queued for webhooks.
  expect((await getPool().query("SELECT count(*)::int AS n FROM webhook_deliveries")).rows[0].n).toBe(0);
  // The loop rule caught the UserUpdated ↔ ProfileUpdated burst, in its own correlation, and let go once it stopped.
  const loops = await getPool().query<{ key: string; state: string; details: { types: string[]; repetitions: number } }>(
    `SELECT a.key, a.state, a.details FROM alerts a JOIN alert_rules r ON r.id = a.rule_id WHERE r.kind = 'causation_loop'`,
  );
  const burst = loops.rows.filter((a) => a.key.includes(planDemoWorld(WORLD).loopCorrelationId));
  expect(burst.length).toBeGreaterThanOrEqual(1);
  expect([...burst[0].details.types].sort()).toEqual(["ProfileUpdated", "UserUpdated"]);
  expect(burst[0].details.repetitions).toBeGreaterThan(20);
  expect(burst.every((a) => a.state === "resolved")).toBe(true);
  // A second start leaves the rules alone.
  await seedDemoAlerts({ log: () => undefined });
  expect((await getPool().query("SELECT count(*)::int AS n FROM alert_rules WHERE created_by = 'system:demo'")).rows[0].n).toBe(3);
}, 180_000);

import { describe, expect, it } from "vitest";
import { getPool } from "../../db";
import { appendToStream } from "../../store/append-to-stream";
import { unique } from "../../testing/expectations";
import { openTransaction } from "../../testing/held-transactions";
import { oldestTransaction } from "./oldest-transaction";
import { streamLength } from "./stream-length";
import { volumeAnomaly } from "./volume-anomaly";
import { volumeThreshold } from "./volume-threshold";

// Each kind against real tables. Rollup rows are written directly where a test needs history in
// the past (appends are always recorded "now"); the rollup job itself is tested in lib/growth/.

const HOUR = 3_600_000;
const db = () => getPool();

async function rollup(bucket: Date, category: string, count: number, type = "Happened") {
  await db().query("INSERT INTO rollups_hourly (bucket, category, type, count, bytes) VALUES ($1, $2, $3, $4, $5)", [bucket, category, type, count, count * 100]);
}

describe("volume above a threshold", () => {
  it("counts whole hours from the rollups and only the partial hours from events, without counting an hour twice", async () => {
    const category = `thr${unique()}`;
    const now = new Date();
    const currentHour = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
    for (let i = 0; i < 3; i++) await appendToStream({ streamId: `${category}-1`, events: [{ type: "Happened", data: { i } }] });
    // Two hours ago, wholly inside a 3 h window: from the rollups. The current hour is already rolled
    // up too (3), but it is partial, so it is counted from events, not from this row.
    await rollup(new Date(currentHour.getTime() - 2 * HOUR), category, 100);
    await rollup(currentHour, category, 3);
    const params = volumeThreshold.params.parse({ scope: "category", target: category, threshold: 102, windowSeconds: 3 * 3600 });
    const [finding] = await volumeThreshold.evaluate({ db: db(), now: new Date(Date.now() + 1000), params });
    expect(finding).toMatchObject({ key: `category:${category}`, category, details: { observed: 103, threshold: 102 } });
    const higher = volumeThreshold.params.parse({ ...params, threshold: 103 });
    expect(await volumeThreshold.evaluate({ db: db(), now: new Date(Date.now() + 1000), params: higher })).toEqual([]);
  });

  it("by event type, from the form's strings", async () => {
    const type = `Typed${unique()}`;
    for (let i = 0; i < 4; i++) await appendToStream({ streamId: `typ${unique()}-1`, events: [{ type, data: {} }] });
    const params = volumeThreshold.params.parse({ scope: "type", target: type, threshold: "3", windowSeconds: "60" });
    const findings = await volumeThreshold.evaluate({ db: db(), now: new Date(Date.now() + 1000), params });
    expect(findings).toMatchObject([{ key: `type:${type}`, details: { observed: 4 } }]);
    expect(findings[0].category).toBeUndefined();
  });
});

describe("volume anomaly against the same hour of previous weeks", () => {
  it("fires with expected, observed, weeks used and ratio; stays quiet under the ratio; says nothing without history", async () => {
    const category = `ano${unique()}`;
    const now = new Date(Math.floor(Date.now() / HOUR) * HOUR + 20 * 60_000); // 20 min into an hour
    const hour = new Date(Math.floor(now.getTime() / HOUR) * HOUR - HOUR); // the last complete hour
    const weeks = [10, 12, 8, 10];
    for (const [k, n] of weeks.entries()) await rollup(new Date(hour.getTime() - (k + 1) * 7 * 24 * HOUR), category, n);
    // Same weekday, a different hour: not part of the comparison.
    await rollup(new Date(hour.getTime() - 7 * 24 * HOUR + HOUR), category, 500);
    await rollup(hour, category, 30, "Placed");
    await rollup(hour, category, 20, "Paid");

    const params = volumeAnomaly.params.parse({ scope: "category", target: category, weeks: 4, ratio: 3, minEvents: 20 });
    const [finding] = await volumeAnomaly.evaluate({ db: db(), now, params });
    expect(finding.details).toMatchObject({ observed: 50, expected: 10, weeksUsed: 4, weekly: [10, 12, 8, 10], ratio: 5, threshold: 3 });
    expect(finding.summary).toContain("expected ~10");
    expect(finding.category).toBe(category);

    expect(await volumeAnomaly.evaluate({ db: db(), now, params: { ...params, ratio: 6 } })).toEqual([]);
    expect(await volumeAnomaly.evaluate({ db: db(), now, params: { ...params, minEvents: 51 } })).toEqual([]);
    // Eight weeks asked, but the store starts four weeks back: the mean is over the four it has.
    const [eight] = await volumeAnomaly.evaluate({ db: db(), now, params: { ...params, weeks: 8 } });
    expect(eight.details).toMatchObject({ weeksUsed: 4, expected: 10 });
    // An hour with no earlier week in the store: no verdict.
    expect(await volumeAnomaly.evaluate({ db: db(), now: new Date(now.getTime() - 30 * 24 * HOUR), params })).toEqual([]);
  });

  it("refuses a category scope without a target", () => {
    expect(volumeAnomaly.params.safeParse({ scope: "category", target: "", weeks: 4, ratio: 3, minEvents: 0 }).success).toBe(false);
    expect(volumeAnomaly.params.safeParse({ scope: "all", weeks: "4", ratio: "3", minEvents: "0" }).success).toBe(true);
  });
});

describe("stream length since the last snapshot", () => {
  it("names each stream past the limit, linking to it, until a snapshot brings it back under", async () => {
    const category = `len${unique()}`;
    await appendToStream({ streamId: `${category}-long`, events: Array.from({ length: 5 }, (_, i) => ({ type: "Grew", data: { i } })) });
    await appendToStream({ streamId: `${category}-short`, events: [{ type: "Grew", data: {} }] });
    const params = streamLength.params.parse({ category, maxEvents: 3 });
    expect(await streamLength.evaluate({ db: db(), now: new Date(), params })).toMatchObject([
      { key: `stream:${category}-long`, category, href: `/streams/${category}-long`, details: { eventsSinceSnapshot: 5, snapshotVersion: null } },
    ]);
    await db().query("UPDATE streams SET snapshot_version = 4 WHERE stream_id = $1", [`${category}-long`]);
    expect(await streamLength.evaluate({ db: db(), now: new Date(), params })).toEqual([]);
  });
});

describe("open transaction holding log readers back", () => {
  it("names the backend, its application and age while it is open, and nothing once it commits", async () => {
    const tx = await openTransaction();
    await tx.query("SET application_name = 'stuck-migration'");
    const { rows } = await tx.query<{ pid: number }>("SELECT pg_backend_pid() AS pid, pg_current_xact_id()");
    await new Promise((r) => setTimeout(r, 1_200));
    const params = oldestTransaction.params.parse({ maxAgeSeconds: 1 });
    const findings = await oldestTransaction.evaluate({ db: db(), now: new Date(), params });
    const mine = findings.find((f) => f.details.pid === rows[0].pid);
    expect(mine?.details).toMatchObject({ application: "stuck-migration", limitSeconds: 1 });
    expect(mine?.details.ageSeconds as number).toBeGreaterThanOrEqual(1);
    expect(mine?.summary).toContain(`backend ${rows[0].pid} (stuck-migration)`);
    await tx.query("COMMIT");
    const after = await oldestTransaction.evaluate({ db: db(), now: new Date(), params });
    expect(after.find((f) => f.details.pid === rows[0].pid)).toBeUndefined();
  });
});

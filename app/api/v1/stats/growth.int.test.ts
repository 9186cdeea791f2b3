import { beforeAll, describe, expect, it } from "vitest";
import { GET as metrics } from "@/app/api/metrics/route";
import { systemActor } from "@/lib/audit/actor";
import { getPool } from "@/lib/db";
import { getRollupLag } from "@/lib/growth/get-rollup-lag";
import { buildInline } from "@/lib/projections/build-inline";
import { replayPartition } from "@/lib/projections/replay-partition";
import { startRebuild } from "@/lib/projections/start-rebuild";
import { updateRollups } from "@/lib/growth/update-rollups";
import { appendToStream } from "@/lib/store/append-to-stream";
import { apiRequest, createTestToken } from "@/lib/testing/auth-fixtures";
import { GET as growth } from "./growth/route";

// GET /api/v1/stats/growth and GET /api/metrics, through their route handlers, over rollups of
// events whose times are known (permissions: lib/auth/permission-matrix.int.test.ts).

let token = "";
const noted = (n: number) => Array.from({ length: n }, () => ({ type: "Noted", data: { n: 1 } }));

beforeAll(async () => {
  token = (await createTestToken({ scopes: ["stats:read"] })).token;
  // 23:30 UTC on 1 Nov is 19:30 in New York (same day) and 00:30 on 2 Nov in Tokyo.
  await appendToStream({ streamId: "growtha-1", events: noted(3), recordedAt: Array(3).fill("2026-11-01T23:30:00Z") });
  await appendToStream({ streamId: "growtha-2", events: noted(2), recordedAt: Array(2).fill("2026-11-02T10:05:00Z") });
  await appendToStream({ streamId: "growthb-1", events: [{ type: "Other", data: {} }], recordedAt: ["2026-11-02T10:59:59Z"] });
  // Other test files hold short transactions on the same cluster: read until nothing is held back.
  for (let i = 0; i < 100 && (await updateRollups()) && (await getRollupLag()).events > 0; i++) await new Promise((r) => setTimeout(r, 100));
});

type Bucket = { start: string; key: string; count: number; bytes: number };

async function ask(query: string): Promise<{ status: number; body: { buckets?: Bucket[]; error?: { code: string } } }> {
  const res = await growth(apiRequest(`/api/v1/stats/growth?${query}`, { token }), { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}

const RANGE = "from=2026-10-30T00:00:00Z&to=2026-11-05T00:00:00Z";
const strip = (b: Bucket[] | undefined) => (b ?? []).map(({ start, key, count }) => ({ start, key, count }));

describe("GET /api/v1/stats/growth", () => {
  it("given events at known times, then day buckets by category count them per UTC day", async () => {
    const res = await ask(`${RANGE}&bucket=day&groupBy=category`);
    expect(res.status).toBe(200);
    expect(strip(res.body.buckets)).toEqual([
      { start: "2026-11-01T00:00:00+00:00", key: "growtha", count: 3 },
      { start: "2026-11-02T00:00:00+00:00", key: "growtha", count: 2 },
      { start: "2026-11-02T00:00:00+00:00", key: "growthb", count: 1 },
    ]);
    expect(res.body.buckets!.every((b) => b.bytes > 0)).toBe(true);
  });

  it("puts day boundaries in the time zone asked for", async () => {
    const tokyo = await ask(`${RANGE}&bucket=day&groupBy=type&tz=Asia/Tokyo`);
    expect(strip(tokyo.body.buckets)).toEqual([
      { start: "2026-11-02T00:00:00+09:00", key: "Noted", count: 5 },
      { start: "2026-11-02T00:00:00+09:00", key: "Other", count: 1 },
    ]);
    const ny = await ask(`${RANGE}&bucket=day&tz=America/New_York`);
    expect(strip(ny.body.buckets).map((b) => [b.start, b.count])).toEqual([
      ["2026-11-01T00:00:00-04:00", 3],
      ["2026-11-02T00:00:00-05:00", 2],
      ["2026-11-02T00:00:00-05:00", 1],
    ]);
  });

  it("gives hour buckets", async () => {
    const res = await ask(`${RANGE}&bucket=hour&groupBy=type`);
    expect(strip(res.body.buckets)).toEqual([
      { start: "2026-11-01T23:00:00+00:00", key: "Noted", count: 3 },
      { start: "2026-11-02T10:00:00+00:00", key: "Noted", count: 2 },
      { start: "2026-11-02T10:00:00+00:00", key: "Other", count: 1 },
    ]);
  });

  it.each([
    ["bucket=week", "an unknown bucket"],
    ["groupBy=stream", "an unknown grouping"],
    ["tz=Mars/Olympus", "an unknown time zone"],
    ["tz=%2B05:00", "an offset instead of a zone"],
    ["from=yesterday", "a time that is not RFC 3339"],
    ["from=2026-11-05T00:00:00Z&to=2026-11-01T00:00:00Z", "from after to"],
    ["bucket=hour&from=2026-01-01T00:00:00Z&to=2026-11-01T00:00:00Z", "too many hour buckets"],
  ])("refuses %s (%s) with 422", async (query) => {
    const res = await ask(query);
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe("validation_failed");
  });
});

describe("GET /api/metrics", () => {
  it("publishes per-category counts, the rollup lag and the audit chain head in the Prometheus text format", async () => {
    const res = await metrics(apiRequest("/api/metrics", { token }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain('hindsight_events_total{category="growtha"} 5\n');
    expect(text).toContain('hindsight_events_total{category="growthb"} 1\n');
    expect(text).toContain("hindsight_rollup_lag_events 0\n");
    expect(text).toMatch(/^hindsight_audit_chain_head\{hash="[0-9a-f]+"\} \d+$/m);
  });

  it("publishes projection lag per version (events and seconds) and the replay progress of versions still building", async () => {
    const actor = systemActor("test");
    const open = (n: number) => ({ type: "AccountOpened", data: { accountId: String(n), ownerId: `u${n}`, currency: "EUR" } });
    for (let n = 0; n < 12; n++) await appendToStream({ streamId: `account-${n}`, events: [open(n), { type: "FundsDeposited", data: { accountId: String(n), amount: 10 } }] });
    const blue = (await startRebuild({ name: "account-balances", codeVersion: 1, partitions: 1, actor })).versionId;
    await buildInline(blue);
    const scrape = async () => (await metrics(apiRequest("/api/metrics", { token }), { params: Promise.resolve({}) })).text();
    const labels = (id: number, status: string) => `{projection="account-balances",version="${id === blue ? 1 : 2}",version_id="${id}",kind="build",status="${status}"}`;

    let text = await scrape();
    expect(text).toContain("# HELP hindsight_projection_lag_events ");
    expect(text).toContain("# TYPE hindsight_projection_lag_events gauge\n");
    expect(text).toContain("# TYPE hindsight_projection_lag_seconds gauge\n");
    expect(text).toContain("# TYPE hindsight_projection_rebuild_progress gauge\n");
    expect(text).toContain(`hindsight_projection_lag_events${labels(blue, "live")} 0\n`);
    expect(text).toContain(`hindsight_projection_lag_seconds${labels(blue, "live")} 0\n`);
    expect(text).not.toMatch(/^hindsight_projection_rebuild_progress\{/m);

    // Three deposits the live version has not followed yet (nothing follows the log in this test).
    await appendToStream({ streamId: "account-0", events: [1, 2, 3].map((amount) => ({ type: "FundsDeposited", data: { accountId: "0", amount } })) });
    const green = (await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 2, actor })).versionId;
    await replayPartition({ versionId: green, partition: 0 });
    const { rows } = await getPool().query<{ done: number; total: number }>("SELECT sum(done)::bigint AS done, sum(total)::bigint AS total FROM projection_partitions WHERE version_id = $1", [green]);
    const fraction = rows[0].done / rows[0].total;
    expect(fraction).toBeGreaterThan(0);
    expect(fraction).toBeLessThan(1);

    text = await scrape();
    expect(text).toContain(`hindsight_projection_lag_events${labels(blue, "live")} 3\n`);
    const seconds = Number(text.match(new RegExp(`^hindsight_projection_lag_seconds${labels(blue, "live").replace(/[{}]/g, "\\$&")} (\\S+)$`, "m"))?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(text).toContain(`hindsight_projection_rebuild_progress${labels(green, "building")} ${fraction}\n`);

    await replayPartition({ versionId: green, partition: 1 });
    text = await scrape();
    expect(text).not.toContain(`hindsight_projection_rebuild_progress${labels(green, "building")}`);
    expect(text).toMatch(new RegExp(`^hindsight_projection_lag_events\\{projection="account-balances",version="2",version_id="${green}",kind="build",status="catching_up"\\} \\d+$`, "m"));
  });
});

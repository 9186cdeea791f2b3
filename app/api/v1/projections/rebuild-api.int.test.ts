import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { runDrillTick } from "@/lib/projections/drill-tick";
import { apiRequest, createTestToken } from "@/lib/testing/auth-fixtures";
import { POST as append } from "../streams/[streamId]/events/route";
import { GET as getProjection } from "./[name]/route";
import { GET as getDiff } from "./[name]/diff/route";
import { POST as promote } from "./[name]/promote/route";
import { POST as startRebuild } from "./[name]/rebuilds/route";
import { GET as getRebuild } from "./[name]/rebuilds/[id]/route";
import { POST as rollback } from "./[name]/rollback/route";
import { env } from "../../../../lib/env";

// A pipeline's view: only HTTP calls (route handlers) and a real worker doing the replay.
const name = "account-balances";
let worker: Worker;
let pipeline = "";
let reader = "";

beforeAll(async () => {
  pipeline = (await createTestToken({ scopes: ["projections:rebuild", "events:read", "events:append"], ownerRole: "admin" })).token;
  reader = (await createTestToken({ scopes: ["events:read"], ownerRole: "ops" })).token;
  worker = await startWorker(env("DATABASE_URL")!);
});
afterAll(async () => worker.stop());

const params = (extra: Record<string, string> = {}) => ({ params: Promise.resolve({ name, ...extra }) });
const call = async (handler: (req: never, ctx: never) => Promise<Response>, path: string, opts: { method?: string; body?: unknown; token?: string; extra?: Record<string, string> } = {}) => {
  const res = await handler(apiRequest(path, { method: opts.method ?? "GET", body: opts.body, token: opts.token ?? pipeline }) as never, params(opts.extra) as never);
  return { status: res.status, body: await res.json() };
};

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const got = await probe();
    if (got !== undefined) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const rebuildDone = (id: number, status: string) =>
  until(`rebuild ${id} ${status}`, async () => {
    const r = await call(getRebuild, `/api/v1/projections/${name}/rebuilds/${id}`, { extra: { id: String(id) } });
    expect(r.status).toBe(200);
    expect(r.body.progress).toBeGreaterThanOrEqual(0);
    expect(r.body.progress).toBeLessThanOrEqual(1);
    return r.body.status === status ? r.body : undefined;
  });

describe("rebuild → diff → promote → rollback through the API", () => {
  it("drives a blue/green rebuild of account-balances from a pipeline", async () => {
    for (let n = 0; n < 12; n++) {
      const events = [
        { type: "AccountOpened", data: { accountId: String(n), ownerId: `u${n}`, currency: "EUR" } },
        { type: "FundsDeposited", data: { accountId: String(n), amount: 50 } },
        ...(n % 3 === 0 ? [{ type: "FundsWithdrawn", data: { accountId: String(n), amount: 20 } }] : []),
      ];
      expect((await call(append, `/api/v1/streams/account-${n}/events`, { method: "POST", body: { events }, extra: { streamId: `account-${n}` } })).status).toBe(201);
    }
    const denied = await call(startRebuild, `/api/v1/projections/${name}/rebuilds`, { method: "POST", body: { version: 1 }, token: reader });
    expect(denied.status).toBe(403);

    const blue = await call(startRebuild, `/api/v1/projections/${name}/rebuilds`, { method: "POST", body: { version: 1, partitions: 2 } });
    expect(blue.status).toBe(202);
    expect(await rebuildDone(blue.body.rebuildId, "live")).toMatchObject({ version: 1, progress: 1 });
    expect((await call(getProjection, `/api/v1/projections/${name}`)).body.liveVersion).toBe(1);

    const green = await call(startRebuild, `/api/v1/projections/${name}/rebuilds`, { method: "POST", body: { version: 2, partitions: 2 } });
    expect(green.status).toBe(202);
    await rebuildDone(green.body.rebuildId, "catching_up");

    const diff = await until("the diff", async () => {
      const r = await call(getDiff, `/api/v1/projections/${name}/diff?version=2`);
      return r.status === 200 && r.body.diff ? r.body.diff : undefined;
    });
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 4 }); // accounts 0, 3, 6, 9 withdrew
    expect(diff.rows.map((r: { key: string }) => r.key).sort()).toEqual(["account-0", "account-3", "account-6", "account-9"]);

    const promoted = await until("promotion once green has caught up", async () => {
      const r = await call(promote, `/api/v1/projections/${name}/promote`, { method: "POST", body: { version: 2, confirmedDiff: diff.counts } });
      if (r.status === 409 && /caught up/.test(r.body.error.message)) return undefined;
      return r;
    });
    expect(promoted).toMatchObject({ status: 200, body: { liveVersion: 2, rebuildId: green.body.rebuildId } });
    expect((await call(getProjection, `/api/v1/projections/${name}`)).body.liveVersion).toBe(2);

    const back = await call(rollback, `/api/v1/projections/${name}/rollback`, { method: "POST" });
    expect(back).toMatchObject({ status: 200, body: { liveVersion: 1, rebuildId: blue.body.rebuildId } });
    expect((await call(getProjection, `/api/v1/projections/${name}`)).body.liveVersion).toBe(1);

    // The nightly drill the demo domain declares: the minute tick starts it, the worker replays it, the API shows it measured against its objective.
    expect((await runDrillTick(new Date("2026-12-04T03:00:00Z"))).started).toEqual([name]);
    const drill = await until("the scheduled drill", async () => {
      const d = (await call(getProjection, `/api/v1/projections/${name}`)).body.drills[0];
      return d?.status === "completed" ? d : undefined;
    });
    expect(drill).toMatchObject({ codeVersion: 1, trigger: "schedule", rtoSeconds: 600, events: 28 });
  });
});

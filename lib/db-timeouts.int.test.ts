import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getLongWorkPool, getPool } from "./db";
import { startCluster, type EmbeddedCluster } from "./embedded-postgres";
import { migrate } from "./migrate";
import { appendToStream } from "./store/append-to-stream";
import { readAll } from "./store/read-all";
import { freePort } from "./testing/global-setup";
import { setEnv } from "./env";

// Hindsight's own sessions carry PostgreSQL-side limits: a transaction left idle is ended by the
// server (so it stops holding back the global log), and a runaway statement is cancelled.
// A held transaction stalls readers cluster-wide, so this file runs on its own PostgreSQL.

let cluster: EmbeddedCluster | undefined;
let dir: string | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-timeouts-pg-"));
  cluster = await startCluster({ dir, port: await freePort() });
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE hindsight_timeouts");
  await admin.end();
  await migrate(cluster.url("hindsight_timeouts"));
  await closeDb();
  setEnv({ DATABASE_URL: cluster.url("hindsight_timeouts") });
  setEnv({ HINDSIGHT_IDLE_TX_TIMEOUT_MS: "700" });
  setEnv({ HINDSIGHT_STATEMENT_TIMEOUT_MS: "300" });
}, 120_000);

afterAll(async () => {
  await closeDb();
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("session timeouts", () => {
  it("given a transaction left idle on a Hindsight session, then the server ends it and log readers see what was appended after it", async () => {
    const held = await getPool().connect();
    const ended = new Promise<string | undefined>((resolve) => held.once("error", (e) => resolve((e as { code?: string }).code)));
    await held.query("BEGIN");
    await held.query("SELECT pg_current_xact_id()");

    await appendToStream({ streamId: `timeout-${Date.now()}`, events: [{ type: "Ticked", data: {} }] });
    // While the transaction is open it holds back every reader of the log.
    expect((await readAll({ pii: "masked" })).events).toHaveLength(0);

    expect(await ended).toBe("25P03");
    held.release(true);
    await vi.waitFor(async () => expect((await readAll({ pii: "masked" })).events).toHaveLength(1), { timeout: 10_000, interval: 100 });
  });

  it("given a statement that runs past the limit, then it is cancelled; long work has room for it", async () => {
    await expect(getPool().query("SELECT pg_sleep(1)")).rejects.toMatchObject({ code: "57014" });
    await expect(getLongWorkPool().query("SELECT pg_sleep(0.5) AS slept")).resolves.toMatchObject({ rowCount: 1 });
  });
});

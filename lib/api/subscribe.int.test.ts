import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { HindsightClient, type SubscribedEvent } from "@hindsight/client";
import { closeDb } from "../db";
import { startCluster, type EmbeddedCluster } from "../embedded-postgres";
import { migrate } from "../migrate";
import { hindsightTypes } from "../pg-types";
import { APPEND_SQL, appendToStream, buildAppendPayload } from "../store/append-to-stream";
import { readAll } from "../store/read-all";
import { createTestToken, seedUser } from "../testing/auth-fixtures";
import { startFastServer, type FastServer } from "../testing/fast-server";
import { freePort } from "../testing/global-setup";
import { setUserStatus } from "../auth/update-user";
import { systemActor } from "../audit/actor";
import { setEnv } from "../env";

// Subscriptions over the fast path, with concurrent writers, transactions held open across other
// commits, and connections dropped under the subscriber. The snapshot xmin is cluster-wide (DESIGN
// invariant 3), so this file runs on its own PostgreSQL.
// The fallback re-check is pushed far out: only a NOTIFY can end a stream in these tests.
setEnv({ HINDSIGHT_TOKEN_CACHE_MS: "600000" });

let cluster: EmbeddedCluster | undefined;
let dir: string | undefined;
let url = "";
let server: FastServer;
const held: pg.Client[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-sub-pg-"));
  cluster = await startCluster({ dir, port: await freePort() });
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE hindsight_sub");
  await admin.end();
  url = cluster.url("hindsight_sub");
  await migrate(url);
  await closeDb();
  setEnv({ DATABASE_URL: url });
  server = await startFastServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
  for (const c of held.splice(0)) await c.end().catch(() => undefined);
  await closeDb();
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** A transaction that takes its xid now and appends `n` events later, while others commit. */
async function heldAppend(streamId: string) {
  const c = new pg.Client({ connectionString: url, types: hindsightTypes });
  await c.connect();
  held.push(c);
  await c.query("BEGIN");
  await c.query("SELECT pg_current_xact_id()");
  return {
    async insertAndCommit(n: number) {
      const payload = await buildAppendPayload({ streamId, events: Array.from({ length: n }, (_, i) => ({ type: "HeldNoted", data: { i } })) });
      await c.query(APPEND_SQL, [JSON.stringify(payload)]);
      // Committed only after later transactions committed their own events.
      await new Promise((r) => setTimeout(r, 30));
      await c.query("COMMIT");
      await c.end();
      held.splice(held.indexOf(c), 1);
    },
  };
}

async function wholeLog(category: string): Promise<string[]> {
  const ids: string[] = [];
  let after;
  for (;;) {
    const page = await readAll({ after, limit: 1000, category, pii: "masked" });
    if (page.events.length === 0) return ids;
    ids.push(...page.events.map((e) => e.eventId));
    after = page.last;
  }
}

it("delivers every event exactly once, in log order, with writers racing, transactions held and connections dropped", async () => {
  const { token } = await createTestToken({ scopes: ["events:read", "events:append"] });
  const client = new HindsightClient({ baseUrl: server.url, token });
  const category = "race";
  const got: SubscribedEvent[] = [];
  const controller = new AbortController();
  let reconnects = 0;
  const following = (async () => {
    for await (const e of client.subscribe({ category, signal: controller.signal, reconnectMs: 5 })) {
      got.push(e);
      // Drop the connection every 40 events: the client must resume right after the last one it got.
      if (got.length % 40 === 0) {
        reconnects++;
        server.dropConnections();
      }
    }
  })();

  const writers = Array.from({ length: 6 }, (_, w) =>
    (async () => {
      for (let i = 0; i < 25; i++) {
        if (i % 8 === 3) {
          // Takes its xid now; later writers insert and commit before it does.
          const slow = await heldAppend(`${category}-held${w}`);
          await appendToStream({ streamId: `${category}-w${w}`, events: [{ type: "RaceNoted", data: { w, i } }] });
          await slow.insertAndCommit(2);
        } else {
          await client.appendToStream(`${category}-w${w}`, [{ type: "RaceNoted", data: { w, i } }]);
        }
      }
    })(),
  );
  await Promise.all(writers);
  const expected = await wholeLog(category);
  expect(expected.length).toBe(6 * (25 + 3 * 2));
  await vi.waitFor(() => expect(got.length).toBeGreaterThanOrEqual(expected.length), { timeout: 30_000, interval: 50 });
  controller.abort();
  await following;
  expect(reconnects).toBeGreaterThan(3);
  expect(got.map((e) => e.eventId)).toEqual(expected);
});

it("catches up over many full pages, each read while the one before it is written, and then follows new events", async () => {
  const { token } = await createTestToken({ scopes: ["events:read", "events:append"] });
  const client = new HindsightClient({ baseUrl: server.url, token });
  const category = "catchup";
  for (let b = 0; b < 13; b++) {
    await appendToStream({ streamId: `${category}-${b % 4}`, events: Array.from({ length: 200 }, (_, i) => ({ type: "CaughtUp", data: { b, i } })) });
  }
  const got: string[] = [];
  const controller = new AbortController();
  const following = (async () => {
    for await (const e of client.subscribe({ category, signal: controller.signal })) got.push(e.eventId);
  })();
  // Written while the subscriber is still catching up: they must come after the backlog, once each.
  for (let i = 0; i < 5; i++) await client.appendToStream(`${category}-live`, [{ type: "CaughtUp", data: { live: i } }]);
  const expected = await wholeLog(category);
  expect(expected.length).toBe(13 * 200 + 5);
  await vi.waitFor(() => expect(got.length).toBeGreaterThanOrEqual(expected.length), { timeout: 30_000, interval: 50 });
  controller.abort();
  await following;
  expect(got).toEqual(expected);
});

it("masks PII as reads do and closes the stream when the token's owner is disabled", async () => {
  const { user } = await seedUser({ role: "support" });
  const { token: clearToken } = await createTestToken({ scopes: ["events:read", "pii:read"], owner: user });
  const { token: maskedToken } = await createTestToken({ scopes: ["events:read"] });
  const category = "user";
  const clear = new HindsightClient({ baseUrl: server.url, token: clearToken }).subscribe({ category });
  const masked = new HindsightClient({ baseUrl: server.url, token: maskedToken }).subscribe({ category });
  const firstClear = clear.next();
  const firstMasked = masked.next();
  await appendToStream({ streamId: "user-sub1", events: [{ type: "UserRegistered", data: { userId: "sub1", email: "sub1@example.org", name: "Sub One", country: "DE" } }] });
  const seenClear = (await firstClear).value as SubscribedEvent;
  const seenMasked = (await firstMasked).value as SubscribedEvent;
  const page = await readAll({ category, pii: "masked" });
  expect(seenMasked.data).toEqual(page.events[0].data);
  expect(seenMasked.data.email).toBe("[masked]");
  expect(seenClear.data.email).toBe("sub1@example.org");

  // The expectation is attached before the user is disabled: the stream may end (and next() reject)
  // before setUserStatus returns, and a rejection nobody awaits yet is reported as unhandled.
  const ended = expect(clear.next()).rejects.toMatchObject({ code: "invalid_token" });
  await setUserStatus({ userId: user.id, status: "disabled", actor: systemActor("test") });
  await ended;
  await masked.return(undefined);
});

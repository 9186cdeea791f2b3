import { randomUUID } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../../../lib/db";
import { createTestToken } from "../../../lib/testing/auth-fixtures";
import { startFastServer, type FastServer } from "../../../lib/testing/fast-server";
import {
  Forbidden,
  HindsightClient,
  IdempotencyConflict,
  InvalidToken,
  StreamNotFound,
  ValidationFailed,
  VersionConflict,
  type SubscribedEvent,
} from "../src";

// The client against the real fast-path handlers on a node:http server, over a real PostgreSQL.
// The fallback re-check of cached callers is pushed far out, so only a NOTIFY can end a stream here.
process.env.HINDSIGHT_TOKEN_CACHE_MS = "600000";

let server: FastServer;
let client: HindsightClient;

beforeAll(async () => {
  server = await startFastServer();
  const { token } = await createTestToken({ scopes: ["events:read", "events:append"] });
  client = new HindsightClient({ baseUrl: server.url, token });
});

afterAll(async () => {
  await server.close();
});

/** The cursor after the last event readable now. */
async function logTail(): Promise<string> {
  let tail: string | undefined;
  for (;;) {
    const page = await client.readAll({ after: tail, limit: 1000 });
    if (page.events.length === 0 && tail) return tail;
    tail = page.next;
  }
}

const streamId = () => `order-${randomUUID().slice(0, 8)}`;

describe("appendToStream and readStream", () => {
  it("appends with expected versions and reads the stream back", async () => {
    const id = streamId();
    const first = await client.appendToStream(id, [{ type: "ClientNoted", data: { n: 1 } }], { expectedVersion: "no_stream" });
    expect(first).toMatchObject({ streamId: id, fromVersion: 1, toVersion: 1 });
    await client.appendToStream(id, [{ type: "ClientNoted", data: { n: 2 } }], { expectedVersion: 1 });
    const read = await client.readStream(id);
    expect(read.version).toBe(2);
    expect(read.events.map((e) => e.data.n)).toEqual([1, 2]);
  });

  it("throws typed errors for the API's refusals", async () => {
    const id = streamId();
    await client.appendToStream(id, [{ type: "ClientNoted", data: {} }]);
    const conflict = await client.appendToStream(id, [{ type: "ClientNoted", data: {} }], { expectedVersion: 5 }).catch((e) => e);
    expect(conflict).toBeInstanceOf(VersionConflict);
    expect(conflict).toMatchObject({ status: 409, code: "version_conflict", details: { expectedVersion: 5, actualVersion: 1 } });
    await expect(client.readStream(streamId())).rejects.toBeInstanceOf(StreamNotFound);
    await expect(client.appendToStream(id, [{ type: "", data: {} }])).rejects.toBeInstanceOf(ValidationFailed);
    const key = randomUUID();
    await client.appendToStream(id, [{ type: "ClientNoted", data: { a: 1 } }], { idempotencyKey: key });
    await expect(client.appendToStream(id, [{ type: "ClientNoted", data: { a: 2 } }], { idempotencyKey: key })).rejects.toBeInstanceOf(IdempotencyConflict);
    const reader = new HindsightClient({ baseUrl: server.url, token: (await createTestToken({ scopes: ["events:read"] })).token });
    await expect(reader.appendToStream(id, [{ type: "ClientNoted", data: {} }])).rejects.toBeInstanceOf(Forbidden);
    const stranger = new HindsightClient({ baseUrl: server.url, token: "hs_notatoken" });
    await expect(stranger.readAll()).rejects.toBeInstanceOf(InvalidToken);
  });

  it("retries a lost answer with the same idempotency key, so the events are written once", async () => {
    // A proxy that forwards the first request and then drops the connection instead of answering.
    let seen = 0;
    const keys: string[] = [];
    const proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        seen++;
        keys.push(JSON.parse(Buffer.concat(chunks).toString()).idempotencyKey);
        const upstream = await fetch(`${server.url}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
        if (seen === 1) return void res.destroy();
        res.writeHead(upstream.status, { "content-type": "application/json" }).end(await upstream.text());
      });
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    try {
      const { token } = await createTestToken({ scopes: ["events:read", "events:append"] });
      const flaky = new HindsightClient({ baseUrl: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`, token, backoffMs: 10 });
      const id = streamId();
      const result = await flaky.appendToStream(id, [{ type: "ClientNoted", data: { once: true } }]);
      expect(seen).toBe(2);
      expect(new Set(keys).size).toBe(1);
      expect(result).toMatchObject({ duplicate: true, toVersion: 1 });
      expect((await client.readStream(id)).events).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  });
});

describe("readAll and subscribe", () => {
  it("pages the log, long-polls, and follows it live across a dropped connection", async () => {
    const tail = await logTail();
    const category = `sub${randomUUID().slice(0, 6)}`;
    const waiting = client.readAll({ after: tail, wait: 10, category });
    await client.appendToStream(`${category}-1`, [{ type: "ClientNoted", data: { n: 0 } }]);
    const polled = await waiting;
    expect(polled.events.map((e) => e.data.n)).toEqual([0]);

    const controller = new AbortController();
    const got: SubscribedEvent[] = [];
    const following = (async () => {
      for await (const e of client.subscribe({ after: polled.next, category, signal: controller.signal, reconnectMs: 20 })) {
        got.push(e);
        if (got.length === 3) server.dropConnections();
        if (got.length === 6) controller.abort();
      }
    })();
    for (let n = 1; n <= 6; n++) await client.appendToStream(`${category}-${n % 2}`, [{ type: "ClientNoted", data: { n } }]);
    await following;
    expect(got.map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(got.map((e) => e.cursor)).size).toBe(6);
  });

  it("ends a subscription with InvalidToken when its token is revoked", async () => {
    const { token, tokenId } = await createTestToken({ scopes: ["events:read"] });
    const follower = new HindsightClient({ baseUrl: server.url, token });
    const category = `rev${randomUUID().slice(0, 6)}`;
    const iterator = follower.subscribe({ after: await logTail(), category });
    const first = iterator.next();
    await client.appendToStream(`${category}-1`, [{ type: "ClientNoted", data: {} }]);
    expect((await first).value).toMatchObject({ streamId: `${category}-1` });
    await getPool().query("UPDATE api_tokens SET revoked_at = now() WHERE id = $1", [tokenId]);
    await expect(iterator.next()).rejects.toBeInstanceOf(InvalidToken);
  });
});

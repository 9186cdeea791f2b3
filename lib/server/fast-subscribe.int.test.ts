import net from "node:net";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import * as subscribeRoute from "../../app/api/v1/events/subscribe/route";
import { systemActor } from "../audit/actor";
import { setUserStatus } from "../auth/update-user";
import { appendToStream } from "../store/append-to-stream";
import { apiRequest, createTestToken, seedUser, sessionCookie } from "../testing/auth-fixtures";
import { startFastServer, type FastServer } from "../testing/fast-server";
import { setEnv } from "../env";

// The subscription's transport: heartbeats, a consumer that stops reading, and the Next.js path
// that serves session (cookie) callers with the same core.
setEnv({ HINDSIGHT_SSE_HEARTBEAT_MS: "100" });
setEnv({ HINDSIGHT_SSE_SLOW_MS: "300" });
setEnv({ HINDSIGHT_TOKEN_CACHE_MS: "600000" });

let server: FastServer;
let token = "";

beforeAll(async () => {
  server = await startFastServer();
  token = (await createTestToken({ scopes: ["events:read"] })).token;
});

afterAll(async () => {
  await server.close();
});

/** A raw HTTP/1.1 request on its own socket, so the test decides when (and whether) to read. */
function rawGet(path: string): net.Socket {
  const { port } = new URL(server.url);
  const socket = net.connect(Number(port), "127.0.0.1");
  socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`);
  return socket;
}

it("sends heartbeats on an idle stream", async () => {
  const socket = rawGet("/api/v1/events/subscribe?category=quietcategory");
  let text = "";
  socket.on("data", (d: Buffer) => (text += d.toString()));
  try {
    await vi.waitFor(() => expect(text.match(/^: heartbeat$/gm)?.length ?? 0).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(text).toMatch(/cache-control: no-store, no-transform/i);
    expect(text).toMatch(/content-type: text\/event-stream/i);
  } finally {
    socket.destroy();
  }
});

it("cuts off a consumer that stops reading once its buffers are full, instead of buffering the log for it", async () => {
  const filler = "y".repeat(4000);
  for (let i = 0; i < 8; i++) {
    await appendToStream({ streamId: `slowread-${i}`, events: Array.from({ length: 250 }, (_, n) => ({ type: "SlowNoted", data: { n, filler } })) });
  }
  const socket = rawGet("/api/v1/events/subscribe?category=slowread");
  // Never read: the kernel buffers fill, write() returns false, and no 'drain' comes.
  socket.pause();
  try {
    await vi.waitFor(() => expect(server.openConnections()).toBe(1), { timeout: 5_000 });
    // The server gives up on this subscriber and closes its side of the connection.
    await vi.waitFor(() => expect(server.openConnections()).toBe(0), { timeout: 20_000, interval: 50 });
  } finally {
    socket.destroy();
  }
});

it("serves session callers on the Next.js path and ends their stream when the user is disabled", async () => {
  const { user } = await seedUser({ role: "viewer" });
  const req = apiRequest("/api/v1/events/subscribe?category=cookiesub", { cookie: await sessionCookie(user) });
  const res = await subscribeRoute.GET(req, { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const readUntil = async (pattern: RegExp) => {
    while (!pattern.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
  };
  await appendToStream({ streamId: "cookiesub-1", events: [{ type: "CookieNoted", data: { n: 1 } }] });
  await readUntil(/cookiesub-1/);
  expect(text).toContain('"streamId":"cookiesub-1"');
  await setUserStatus({ userId: user.id, status: "disabled", actor: systemActor("test") });
  await readUntil(/event: error/);
  expect(text).toMatch(/event: error\ndata: \{"error":\{"code":"session_expired"/);
  expect((await reader.read()).done).toBe(true);
});

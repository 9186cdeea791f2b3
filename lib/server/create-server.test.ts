import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHindsightServer } from "./create-server";
import type { FastHandler } from "./fast-route";
import { closeGracefully, listen } from "./http-server";
import type { ServerSettings } from "./server-settings";

// Our node:http server in front of a real stand-in for Next.js: a handler that echoes what reached it.

const settings: ServerSettings = { headersTimeoutMs: 400, bodyTimeoutMs: 400, keepAliveTimeoutMs: 5_000, maxHeaderBytes: 8 * 1024, trustedProxies: [] };

const fastFirst: FastHandler = async () => false;
const fastEcho: FastHandler = async (req, res, ctx) => {
  if (req.url !== "/api/v1/fast") return false;
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(ctx));
  return true;
};

async function echo(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.url === "/api/health" && req.method === "POST") {
    // What Next.js does for a method a route lacks: 405 with no body.
    res.statusCode = 405;
    return void res.end();
  }
  let body = "";
  for await (const chunk of req) body += chunk;
  res.setHeader("content-type", "application/json");
  res.setHeader("cache-control", "public, max-age=60");
  res.end(JSON.stringify({ url: req.url, headers: req.headers, body }));
}

let server: http.Server;
let port: number;
beforeAll(async () => {
  server = createHindsightServer({ bootId: "boot-1", settings, fastHandlers: [fastFirst, fastEcho], fallback: echo, allowedMethods: () => ["GET", "HEAD", "OPTIONS"], log: () => {} });
  await listen(server, 0, "127.0.0.1");
  port = (server.address() as AddressInfo).port;
});
afterAll(() => closeGracefully(server, 100));

/** Sends raw bytes and collects everything the server answers until it closes the connection. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(bytes));
    let answer = "";
    socket.on("data", (d) => (answer += d));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

function request(path: string, opts: http.RequestOptions = {}, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, agent: false, ...opts }, async (res) => {
      let text = "";
      for await (const chunk of res) text += chunk;
      resolve({ status: res.statusCode!, headers: res.headers, json: text ? JSON.parse(text) : null });
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("our HTTP server", () => {
  it("closes the connection of a client that sends half a body, answering 408 as JSON", async () => {
    const answer = await raw("POST /api/v1/streams/a-1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n" + '{"events":[');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toEqual({ error: { code: "request_timeout", message: expect.any(String) } });
  });

  it("answers headers that are too large with 431 as JSON", async () => {
    const answer = await raw(`GET /api/v1/streams HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(10_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('"code":"headers_too_large"');
  });

  it.each(["/api/v1/streams/%C0%AF", "/api/v1/streams?prefix=%ff", "/api/v1/events?after=%", "/api/v1/streams/a%2-1"])("answers malformed percent-encoding under /api/ (%s) with 400 JSON", async (path) => {
    const res = await request(path);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: "malformed_url", message: expect.any(String) } });
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("passes well-formed and non-API paths on", async () => {
    expect((await request("/api/v1/streams/order%2D1?prefix=%C3%A9")).json.url).toBe("/api/v1/streams/order%2D1?prefix=%C3%A9");
    expect((await request("/streams/%ff")).status).toBe(200);
  });

  it("turns a bodiless 405 into a JSON error with the route's Allow header", async () => {
    const res = await request("/api/health", { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("GET, HEAD, OPTIONS");
    expect(res.json).toEqual({ error: { code: "method_not_allowed", message: expect.any(String) } });
  });

  it("marks every API answer no-store, from the fast path and the fallback alike, and leaves pages alone", async () => {
    expect((await request("/api/v1/streams")).headers["cache-control"]).toBe("no-store");
    expect((await request("/api/v1/fast")).headers["cache-control"]).toBe("no-store");
    expect((await request("/streams")).headers["cache-control"]).toBe("public, max-age=60");
  });

  it("tries the fast handlers in order with the client address and boot id, before the fallback", async () => {
    expect((await request("/api/v1/fast")).json).toEqual({ clientAddress: "127.0.0.1", bootId: "boot-1" });
  });

  it("hands on the socket address in its own header and no forwarding header from an untrusted peer", async () => {
    const res = await request("/api/v1/streams", { headers: { "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.9", forwarded: "for=203.0.113.9", "x-hindsight-client-ip": "203.0.113.9" } });
    expect(res.json.headers["x-hindsight-client-ip"]).toBe("127.0.0.1");
    for (const h of ["x-forwarded-for", "x-real-ip", "forwarded"]) expect(res.json.headers[h]).toBeUndefined();
  });

  it("on close, lets a request in flight finish, then stops", async () => {
    const slow = createHindsightServer({
      bootId: "b",
      settings,
      fastHandlers: [],
      fallback: (_req, res) => void setTimeout(() => res.end("done"), 150),
      log: () => {},
    });
    await listen(slow, 0, "127.0.0.1");
    const slowPort = (slow.address() as AddressInfo).port;
    const answer = new Promise<string>((resolve, reject) => {
      http.get({ host: "127.0.0.1", port: slowPort, path: "/x" }, async (res) => {
        let t = "";
        for await (const c of res) t += c;
        resolve(t);
      }).on("error", reject);
    });
    await new Promise((r) => setTimeout(r, 50));
    await closeGracefully(slow, 2_000);
    expect(await answer).toBe("done");
    expect(slow.listening).toBe(false);
  });

  it("on close, cuts a request that outlives the grace period", async () => {
    const stuck = createHindsightServer({ bootId: "b", settings, fastHandlers: [], fallback: () => {}, log: () => {} });
    await listen(stuck, 0, "127.0.0.1");
    const stuckPort = (stuck.address() as AddressInfo).port;
    const outcome = new Promise<string>((resolve) => {
      http.get({ host: "127.0.0.1", port: stuckPort, path: "/x" }, () => resolve("answered")).on("error", (e) => resolve((e as NodeJS.ErrnoException).code ?? "error"));
    });
    await new Promise((r) => setTimeout(r, 50));
    await closeGracefully(stuck, 100);
    expect(await outcome).toBe("ECONNRESET");
  });
});

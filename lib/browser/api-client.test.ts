import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, fetchApi, streamApiPath } from "./api-client";

// The browser's one API client, against a real HTTP server: JSON back on 2xx, the route's own
// code and message as an ApiError otherwise. And no client component calls fetch itself.

let base = "";
const server = http.createServer((req, res) => {
  if (req.url === "/ok") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ firing: { total: 2 } }));
  if (req.url === "/refused") return void res.writeHead(422, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "validation_failed", message: "limit must be at most 1000" } }));
  res.writeHead(502, { "content-type": "text/html" }).end("<html>bad gateway</html>");
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fetchApi", () => {
  it("returns the JSON of a 2xx answer", async () => {
    expect(await fetchApi(`${base}/ok`)).toEqual({ firing: { total: 2 } });
  });

  it("throws the route's code and message, or the status when the body is not the API's", async () => {
    await expect(fetchApi(`${base}/refused`)).rejects.toEqual(new ApiError(422, "validation_failed", "limit must be at most 1000"));
    const gateway = await fetchApi(`${base}/gateway`).catch((e: ApiError) => e);
    expect(gateway).toMatchObject({ status: 502, code: "http_error", message: "the server answered 502" });
  });

  it("encodes a stream id once in its sub-resource paths", () => {
    expect(streamApiPath("order/1 2", "events", { limit: 5, before: undefined })).toBe("/api/v1/streams/order%2F1%202/events?limit=5");
  });
});

describe("client components", () => {
  it("read the API through fetchApi, never with fetch of their own", () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : []));
    const offenders = ["components", "lib", "app"]
      .flatMap((dir) => files(path.join(process.cwd(), dir)))
      .filter((f) => !f.endsWith(path.join("browser", "api-client.ts")) && !f.includes(`${path.sep}generated${path.sep}`))
      .filter((f) => {
        const text = fs.readFileSync(f, "utf8");
        return /^["']use client["']/m.test(text) && /\bfetch\(/.test(text);
      });
    expect(offenders.map((f) => path.relative(process.cwd(), f))).toEqual([]);
  });
});

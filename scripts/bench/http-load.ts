import http from "node:http";
import { makeEvents, type EventKind } from "./events";
import { runTimed } from "./workload";
import type { RunResult } from "./stats";

export type HttpLoadOptions = { baseUrl: string; clients: number; durationMs: number; warmupMs: number; streams: string[]; kind: EventKind; serverPid?: number; token?: string };

/**
 * Closed-loop HTTP load: `clients` keep-alive connections, each POSTing one event at a time to
 * /api/v1/streams/{id}/events and waiting for the answer. Anything but 201 counts as an error.
 */
export async function runHttpAppends(o: HttpLoadOptions): Promise<RunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.clients });
  const base = new URL(o.baseUrl);
  try {
    return await runTimed(o.clients, o.durationMs, o.warmupMs, async (w, k) => {
      const mine = o.streams.filter((_, i) => i % o.clients === w);
      const stream = mine[k % mine.length];
      const body = JSON.stringify({ events: makeEvents(o.kind, stream, 1) });
      const status = await post(agent, base, `/api/v1/streams/${encodeURIComponent(stream)}/events`, body, o.token);
      if (status !== 201) throw new Error(`HTTP ${status}`);
      return 1;
    }, o.serverPid);
  } finally {
    agent.destroy();
  }
}

function post(agent: http.Agent, base: URL, path: string, body: string, token?: string): Promise<number> {
  const headers: Record<string, string | number> = { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: base.hostname, port: base.port, path, method: "POST", headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          if (res.statusCode !== 201) reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString("utf8").slice(0, 300)}`));
          else resolve(res.statusCode);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Waits until something answers HTTP on `url` (any status), or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(url, (res) => {
        res.resume();
        resolve(true);
      });
      req.on("error", () => resolve(false));
      req.setTimeout(2000, () => req.destroy());
    });
    if (ok) return;
    if (!isAlive()) throw new Error(`the server for ${url} exited before answering`);
    if (Date.now() > deadline) throw new Error(`nothing answered on ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

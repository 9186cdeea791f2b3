// A minimal node:http front for the peer, so its HTTP figure pays for what Hindsight's route does:
// read the body with a size limit, parse JSON, check the stream id, validate with the same zod
// schema as app/api/v1/streams/[streamId]/events/route.ts, append, answer 201 with JSON.
// It does no authentication: Hindsight's route also looks up the caller's API token per request.
import http from "node:http";
import { streamIdProblem } from "../../lib/store/stream-id";
import { openEmmett } from "./emmett";
import { appendRequestSchema } from "../../lib/store/append-request";

const MAX_BODY = 1024 * 1024;


const ROUTE = /^\/api\/v1\/streams\/([^/?]+)\/events$/;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_, v) => (typeof v === "bigint" ? Number(v) : v));
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(Object.assign(new Error("payload too large"), { status: 413 }));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function main(): Promise<void> {
  const url = process.env.EMMETT_DATABASE_URL;
  const port = Number(process.env.PORT);
  if (!url || !port) throw new Error("EMMETT_DATABASE_URL and PORT are required");
  const peer = await openEmmett(url);

  const server = http.createServer(async (req, res) => {
    try {
      const m = ROUTE.exec(req.url ?? "");
      if (!m || req.method !== "POST") return send(res, 404, { error: { code: "not_found" } });
      const streamId = decodeURIComponent(m[1]);
      const problem = streamIdProblem(streamId);
      if (problem) return send(res, 422, { error: { code: "validation_failed", message: problem } });
      const type = req.headers["content-type"] ?? "";
      if (type && !/^application\/(.+\+)?json\b/i.test(type)) return send(res, 415, { error: { code: "unsupported_media_type" } });
      let json: unknown;
      try {
        json = JSON.parse(await readBody(req));
      } catch (e) {
        const status = (e as { status?: number }).status ?? 400;
        return send(res, status, { error: { code: status === 413 ? "payload_too_large" : "malformed_json" } });
      }
      const parsed = appendRequestSchema.safeParse(json);
      if (!parsed.success) return send(res, 422, { error: { code: "validation_failed", issues: parsed.error.issues } });
      const result = await peer.eventStore.appendToStream(
        streamId,
        parsed.data.events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })),
      );
      send(res, 201, { streamId, ...result });
    } catch (e) {
      send(res, 500, { error: { code: "internal_error", message: (e as Error).message } });
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  process.send?.("ready");

  const shutdown = () => {
    server.close(() => void peer.close().then(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.on("SIGTERM", shutdown);
  process.on("disconnect", shutdown);
}

main().catch((e) => {
  console.error("[emmett-http]", e);
  process.exit(1);
});

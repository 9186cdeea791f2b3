import http from "node:http";
import type { Socket } from "node:net";
import { fastHandlers } from "../server/fast-handlers";

export type FastServer = { url: string; close: () => Promise<void>; dropConnections: () => void; openConnections: () => number };

/**
 * A plain node:http server running the fast-path handlers and answering 404 otherwise: what our
 * own HTTP server does before Next.js, for tests (and the bench) until that server is merged.
 */
export async function startFastServer(): Promise<FastServer> {
  const sockets = new Set<Socket>();
  const server = http.createServer(async (req, res) => {
    try {
      for (const handler of fastHandlers) {
        if (await handler(req, res, { clientAddress: req.socket.remoteAddress ?? null, bootId: "test" })) return;
      }
      res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: "not on the fast path" } }));
    } catch (e) {
      res.destroy(e as Error);
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    openConnections: () => sockets.size,
    dropConnections: () => {
      for (const s of sockets) s.destroy();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

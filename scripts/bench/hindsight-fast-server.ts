// Hindsight's node:http front for the bench: the fast-path handlers (lib/server/fast-handlers.ts)
// in their own process, answering 404 for anything else (the bench sends nothing else).
import "../../domains/demo/install";
import http from "node:http";
import { closeDb } from "../../lib/db";
import { fastHandlers } from "../../lib/server/fast-handlers";

async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  const server = http.createServer(async (req, res) => {
    for (const handler of fastHandlers) {
      if (await handler(req, res, { clientAddress: req.socket.remoteAddress ?? null, bootId: "bench" })) return;
    }
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  process.send?.("ready");
  const shutdown = () => {
    server.close(() => void closeDb().then(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.on("SIGTERM", shutdown);
  process.on("disconnect", shutdown);
}

main().catch((e) => {
  console.error("[hindsight-fast]", e);
  process.exit(1);
});

// Rebuild partitions replayed one after another in their own process, as one pg-boss job handler
// would (forked by scripts/bench-projections.ts; argv: versionId, then partitions "0,2"). It
// connects, says "ready", and starts on "go", so every process starts together and process
// start-up is not timed as replay.
import "../../domains/demo/install";
import readline from "node:readline";
import { closeDb, getPool } from "../../lib/db";
import { replayPartition } from "../../lib/projections/replay-partition";

async function main() {
  const versionId = Number(process.argv[2]);
  const partitions = process.argv[3].split(",").map(Number);
  await getPool().query("SELECT 1");
  process.stdout.write("ready\n");
  const lines = readline.createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.on("line", (l) => l.trim() === "go" && resolve()));
  lines.close();
  const startedAt = Date.now();
  let events = 0;
  for (const partition of partitions) events += (await replayPartition({ versionId, partition })).events;
  const endedAt = Date.now();
  process.stdout.write(`${JSON.stringify({ events, seconds: (endedAt - startedAt) / 1000, startedAt, endedAt })}\n`);
  await closeDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

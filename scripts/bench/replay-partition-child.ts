// One rebuild partition replayed in its own process, as one pg-boss worker would (forked by
// scripts/bench-projections.ts). It connects, says "ready", and starts on "go", so every
// partition starts together and process start-up is not timed as replay.
import readline from "node:readline";
import { closeDb, getPool } from "../../lib/db";
import { replayPartition } from "../../lib/projections/replay-partition";

async function main() {
  const [versionId, partition] = process.argv.slice(2).map(Number);
  await getPool().query("SELECT 1");
  process.stdout.write("ready\n");
  const lines = readline.createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.on("line", (l) => l.trim() === "go" && resolve()));
  lines.close();
  const startedAt = Date.now();
  const r = await replayPartition({ versionId, partition });
  const endedAt = Date.now();
  process.stdout.write(`${JSON.stringify({ ...r, seconds: (endedAt - startedAt) / 1000, startedAt, endedAt })}\n`);
  await closeDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// A child process for the archive crash test: runs one category's policy against DATABASE_URL and
// HINDSIGHT_ARCHIVE_DIR, stopping at the fail point named on its command line so the test can SIGKILL it.
import { closeDb } from "../db";
import { runArchivePolicy } from "../archive/run-archive-policy";
import type { FailPoint } from "../archive/write-segment";
import { pausingAt } from "./archive-faults";

async function main() {
  const [category, segmentEvents, pausePoint, pauseFile] = process.argv.slice(2);
  const faults = pausePoint && pauseFile ? pausingAt(pausePoint as FailPoint, pauseFile) : undefined;
  const result = await runArchivePolicy({ category, trigger: "script", segmentEvents: Number(segmentEvents ?? 100_000), faults });
  console.log(JSON.stringify(result));
  await closeDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// A child process for the archive crash test: runs one category's policy against DATABASE_URL and
// HINDSIGHT_ARCHIVE_DIR, stopping where HINDSIGHT_ARCHIVE_PAUSE_AT says so the test can SIGKILL it.
import { closeDb } from "../db";
import { runArchivePolicy } from "../archive/run-archive-policy";

async function main() {
  const category = process.argv[2];
  const result = await runArchivePolicy({ category, trigger: "script", segmentEvents: Number(process.argv[3] ?? 100_000) });
  console.log(JSON.stringify(result));
  await closeDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

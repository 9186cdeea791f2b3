import "server-only";
import { startLeaderLoop, type LeaderLoop } from "../jobs/leader-loop";
import { EVENTS_CHANNEL } from "../store/notify-appended";
import { updateRollups } from "./update-rollups";

const LOCK_KEY = "hindsight.rollups";
/** NOTIFY is the fast path; the poll catches events held back by a transaction that committed without one. */
const SAFETY_POLL_MS = 1_000;

export type RollupLoop = LeaderLoop;

/**
 * Keeps the hourly rollups current: one leader across all workers (lib/jobs/leader-loop.ts),
 * woken by the appenders' debounced NOTIFY and by a 1 s poll.
 */
export function startRollupLoop(databaseUrl: string, log: (line: string) => void = console.log): RollupLoop {
  return startLeaderLoop({
    databaseUrl,
    name: "rollups",
    lockKey: LOCK_KEY,
    listen: [EVENTS_CHANNEL],
    log,
    leadingMessage: "leading the rollup loop",
    pass: async ({ takeWoken, sleep }) => {
      takeWoken();
      await updateRollups();
      if (!takeWoken()) await sleep(SAFETY_POLL_MS);
    },
  });
}

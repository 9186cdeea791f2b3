import "server-only";
import { startLeaderLoop, type LeaderLoop } from "../../jobs/leader-loop";
import { getSource } from "../open-source";
import { sourceConfigFromEnv, type SourceConfig } from "../source-config";
import { indexSourceBatch } from "./follow-source";

const LOCK_KEY = "hindsight.source-index";
/** A source's own clients send Hindsight no NOTIFY: the follower polls, so new events show within about this long. */
const POLL_MS = 500;

/** Which source an index belongs to: kind, host, database and schema (never the password). */
export function sourceKey(config: SourceConfig): string {
  if (config.kind === "hindsight") return "hindsight";
  const u = new URL(config.url);
  return `${config.kind}://${u.hostname}:${u.port || 5432}${u.pathname}${config.schema ? `?schema=${config.schema}` : ""}`;
}

/**
 * Keeps the source index current while Hindsight reads another store: one leader across all
 * workers (lib/jobs/leader-loop.ts), reading the source's log page by page until caught up, then polling.
 */
export function startSourceIndexLoop(databaseUrl: string, log: (line: string) => void = console.log): LeaderLoop {
  const key = sourceKey(sourceConfigFromEnv());
  return startLeaderLoop({
    databaseUrl,
    name: "source-index",
    lockKey: LOCK_KEY,
    log,
    leadingMessage: `indexing the source ${key}`,
    pass: async ({ sleep, isStopped }) => {
      for (;;) {
        const batch = await indexSourceBatch(getSource(), key);
        if (batch.caughtUp || isStopped()) break;
      }
      await sleep(POLL_MS);
    },
  });
}

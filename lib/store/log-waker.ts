import "server-only";
import { listenChannel } from "../db-notifications";
import { EVENTS_CHANNEL, onLocalAppend } from "./notify-appended";

/** How often a waiting reader looks again without a wake-up: a transaction that held readers back may end silently. */
export const LOG_POLL_MS = 500;

const waiters = new Set<() => void>();
let started: Promise<unknown> | undefined;
let seq = 0;

function wakeAll(): void {
  seq++;
  for (const fn of [...waiters]) fn();
}

/** A counter of wake-ups: a reader notes it before reading and passes it to waitForAppend(). */
export function appendSeq(): number {
  start();
  return seq;
}

function start(): void {
  if (started) return;
  onLocalAppend(wakeAll);
  started = listenChannel(EVENTS_CHANNEL, wakeAll).catch(() => {
    // Without LISTEN the readers still poll; try again on the next wait.
    started = undefined;
  });
}

/**
 * Resolves at the next append (or at once if one came since `seenSeq`) (in this process or, through NOTIFY, any other), after `ms` at
 * most, or when `signal` aborts: what long polls and subscriptions sleep on between reads.
 */
export async function waitForAppend(ms: number, signal?: AbortSignal, seenSeq?: number): Promise<void> {
  start();
  // An append that landed while the reader was reading must not wait for the next one.
  if (signal?.aborted || ms <= 0 || (seenSeq !== undefined && seenSeq !== seq)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiters.delete(done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    waiters.add(done);
    signal?.addEventListener("abort", done, { once: true });
  });
}

import "server-only";
import { AppError } from "../../../lib/errors";
import { appendToStream } from "../../../lib/store/append-to-stream";
import { demoUuid } from "./prng";

/** The demo guard loop's category runs on the default depth guard (100), so the loop is refused there. */
export const GUARD_LOOP_CATEGORY = "reminder";

/**
 * The causation guard at work on day one, appended now through the ordinary append path: a
 * reminder service that reschedules every reminder it sends (ReminderSent → ReminderScheduled →
 * ReminderSent …) runs until the default depth guard refuses its 101st event, and a client that
 * retries an append with the same idempotency key gets the original answer back. Both refusals
 * are counted, so the Guards page's chart and the last hour of the map have something to show.
 */
export async function seedCausationDemo(opts: { seed: number; log: (line: string) => void }): Promise<void> {
  const correlationId = demoUuid(opts.seed, "causation-demo/guard-loop/correlation");
  let causationId = demoUuid(opts.seed, "causation-demo/guard-loop/command");
  let appended = 0;
  for (let i = 0; i < 200; i++) {
    const sent = i % 2 === 1;
    const eventId = demoUuid(opts.seed, `causation-demo/guard-loop/${i}`);
    try {
      await appendToStream({
        streamId: `${GUARD_LOOP_CATEGORY}-${sent ? "outbox" : "schedule"}-r42`,
        events: [
          {
            eventId,
            type: sent ? "ReminderSent" : "ReminderScheduled",
            data: { reminderId: "r42", ...(sent ? { channel: "email" } : { dueInMinutes: 0 }) },
            correlationId,
            causationId,
            metadata: i === 0 ? { command: "ScheduleReminder", causationDepth: 0 } : { handler: sent ? "reminder-sender" : "reminder-rescheduler" },
          },
        ],
      });
    } catch (e) {
      if (e instanceof AppError && e.code === "causation_depth_exceeded") break;
      throw e;
    }
    appended++;
    causationId = eventId;
  }

  const retried = { streamId: `${GUARD_LOOP_CATEGORY}-schedule-r43`, idempotencyKey: demoUuid(opts.seed, "causation-demo/retry"), events: [{ type: "ReminderScheduled", data: { reminderId: "r43", dueInMinutes: 30 } }] };
  await appendToStream(retried);
  await appendToStream(retried);
  opts.log(`causation demo: a reminder loop of ${appended} events stopped by the depth guard, and one idempotent retry`);
}

import { randomUUID } from "node:crypto";
import { sleep } from "./app-process";

export type Acked = { streamId: string; version: number; eventId: string; type: "OrderPlaced" | "OrderPaid"; amount: number };

export type WriterStats = { acked: Acked[]; attempts: number; retries: number; failures: string[] };

export type WritersOptions = { url: string; token: string; run: string; writers: number; eventsPerStream: number; maxEvents: number };

/**
 * Order streams written through the HTTP API under chaos. Every request carries an idempotency key
 * and its own event ids, and is retried as is until acknowledged: a retry after a lost answer is
 * then a duplicate (200), never a second copy.
 */
export function startWriters(opts: WritersOptions): { stop: () => Promise<WriterStats> } {
  const stats: WriterStats = { acked: [], attempts: 0, retries: 0, failures: [] };
  let stopping = false;
  const loops = Array.from({ length: opts.writers }, async (_, w) => {
    for (let n = 0; !stopping && stats.acked.length < opts.maxEvents && stats.failures.length === 0; n++) {
      const streamId = `order-chaos${opts.run}w${w}n${n}`;
      for (let version = 0; version < opts.eventsPerStream && !stopping; version++) {
        const placed = version === 0;
        const amount = placed ? 10 + ((w * 7 + n) % 50) : 1 + (version % 5);
        const event = placed
          ? { type: "OrderPlaced", data: { orderId: streamId.slice(6), customerId: `c${w}`, items: [{ sku: "A-1", quantity: 1, unitPrice: amount }], total: amount, discountCode: null } }
          : { type: "OrderPaid", data: { orderId: streamId.slice(6), amount, method: "card" } };
        const eventId = randomUUID();
        const body = { expectedVersion: placed ? "no_stream" : version, idempotencyKey: `${streamId}:${version}`, events: [{ ...event, eventId }] };
        if (await appendUntilAcked(opts, streamId, body, stats)) stats.acked.push({ streamId, version: version + 1, eventId, type: event.type as Acked["type"], amount });
        else return;
      }
    }
  });
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
      return stats;
    },
  };
}

/** Sends one request until the store acknowledges it (201, or 200 for a replay); false on a real refusal or after 60 s. */
async function appendUntilAcked(opts: WritersOptions, streamId: string, body: unknown, stats: WriterStats): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    stats.attempts++;
    if (attempt) stats.retries++;
    try {
      const res = await fetch(`${opts.url}/api/v1/streams/${streamId}/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${opts.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status === 201 || res.status === 200) return true;
      const text = await res.text();
      if (res.status < 500 && res.status !== 429) {
        stats.failures.push(`${streamId}: ${res.status} ${text.slice(0, 200)}`);
        return false;
      }
    } catch {
      // connection refused or reset while a process is down: the same request goes again
    }
    await sleep(100 + Math.min(attempt, 10) * 50);
  }
  stats.failures.push(`${streamId}: not acknowledged within 60 s`);
  return false;
}

import "server-only";
import { getLongWorkPool } from "../db";
import { inTransaction } from "../db-transaction";
import type { Actor } from "../audit/actor";
import type { SubjectHolding } from "./erasure-scanner";
import { ERASURE_SCANNERS } from "./erasure-scanners";
import { requireErasureRequest, type Discovery, type ErasureRequest } from "./erasure-request";
import { standingHoldsFor } from "./legal-holds";
import { transitionRequest } from "./transition-request";

/** Everything the scanners find about a subject, with the holds that apply to it. */
export async function discoverSubject(subjectId: string): Promise<Discovery> {
  // Discovery reads the whole store: its statements may outrun an ordinary session's timeout.
  const db = getLongWorkPool();
  const holdings: SubjectHolding[] = [];
  for (const scanner of ERASURE_SCANNERS) holdings.push(...(await scanner.discover({ db, subjectId })));
  const holds = await standingHoldsFor(db, subjectId);
  const sum = (source: string) => holdings.filter((h) => h.source === source).reduce((n, h) => n + h.count, 0);
  return { at: new Date().toISOString(), holdings, holds, events: sum("events"), streams: sum("streams"), snapshots: sum("snapshots") };
}

/**
 * received → discovering → awaiting_approval, or blocked_by_hold when a standing hold covers the
 * subject or one of its streams (each move audited). A scanner failure leaves it failed.
 */
export async function discoverErasure(opts: { requestId: string; actor: Actor }): Promise<ErasureRequest> {
  const request = await inTransaction((client) => transitionRequest(client, { id: opts.requestId, to: "discovering", actor: opts.actor, from: ["received"] }));
  let discovery: Discovery;
  try {
    discovery = await discoverSubject(request.subjectId);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await inTransaction((client) => transitionRequest(client, { id: opts.requestId, to: "failed", actor: opts.actor, set: { failure: `discovery failed: ${message}` } }));
    throw e;
  }
  const held = discovery.holds.length > 0;
  await inTransaction((client) =>
    transitionRequest(client, {
      id: opts.requestId,
      to: held ? "blocked_by_hold" : "awaiting_approval",
      actor: opts.actor,
      set: { discovery: JSON.stringify(discovery), blocking_holds: discovery.holds.map((h) => h.id) },
      details: { events: discovery.events, streams: discovery.streams, snapshots: discovery.snapshots, holds: discovery.holds.map((h) => h.id) },
    }),
  );
  return requireErasureRequest(opts.requestId);
}

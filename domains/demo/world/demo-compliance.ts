import "server-only";
import { getPool } from "../../../lib/db";
import { systemActor } from "../../../lib/audit/actor";
import { createErasureRequest } from "../../../lib/compliance/create-erasure-request";
import { createLegalHold } from "../../../lib/compliance/legal-holds";
import { renderPii } from "../../../lib/schema/pii";

const demo = systemActor("demo", "compliance@hindsight.local (demo)");

/**
 * The demo world's compliance desk: one erasure request mid-flow (discovered, awaiting the second
 * approval) and one blocked by a legal hold. Two users of the demo world are the subjects; the
 * first request names the person's e-mail as a known value. Runs once (skipped when any request exists).
 */
export async function seedDemoCompliance(opts: { log: (line: string) => void }): Promise<void> {
  const pool = getPool();
  if ((await pool.query("SELECT 1 FROM erasure_requests LIMIT 1")).rowCount) return;
  const { rows } = await pool.query<{ subject: string; data: Record<string, unknown> }>(
    `SELECT subjects[1] AS subject, data FROM events
      WHERE category = 'user' AND type = 'UserRegistered' AND subjects <> '{}' ORDER BY global_position LIMIT 2`,
  );
  if (rows.length < 2) {
    opts.log("demo compliance: the store holds fewer than two users; no erasure requests created");
    return;
  }
  const [first, second] = rows;
  const [clear] = await renderPii([first.data], "clear");
  const email = typeof clear.email === "string" ? clear.email : undefined;
  const mid = await createErasureRequest({
    subjectId: first.subject,
    reason: "Art. 17 request received by e-mail (ticket GDPR-2026-031)",
    knownValues: email ? [email] : [],
    actor: demo,
  });
  await createLegalHold({ scope: "subject", target: second.subject, reason: "Litigation hold: dispute 2026-114 (legal, J. Park)", actor: demo });
  const held = await createErasureRequest({ subjectId: second.subject, reason: "Art. 17 request via the privacy form", actor: demo });
  opts.log(`demo compliance: request for ${mid.subjectId} ${mid.status}, request for ${held.subjectId} ${held.status}`);
}

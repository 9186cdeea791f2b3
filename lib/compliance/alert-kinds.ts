import "server-only";
import { z } from "zod";
import { defineRuleKind } from "../alerts/rule-kind";
import { OPEN_STATES, STATE_LABELS, type ErasureState } from "./erasure-states";

export type ErasureDeadlineParams = { withinDays: number };

/** "Erasure deadline within N days": one finding per open request due within N days (or overdue). */
export const erasureDeadlineKind = defineRuleKind<ErasureDeadlineParams>({
  kind: "erasure_deadline",
  label: "Erasure deadline approaching",
  description: "Fires for every open erasure request due within the given number of days, or already overdue.",
  fields: [{ name: "withinDays", label: "Due within", type: "number", min: 0, max: 60, step: 1, unit: "days", default: 7 }],
  params: z.object({ withinDays: z.coerce.number().int().min(0).max(60) }),
  describe: (p) => `an erasure request due within ${p.withinDays} day${p.withinDays === 1 ? "" : "s"}`,
  async evaluate({ db, now, params }) {
    const { rows } = await db.query<{ id: string; subject_id: string; status: ErasureState; due_at: string; seconds_left: number }>(
      `SELECT id, subject_id, status, due_at, extract(epoch FROM due_at - $1::timestamptz)::float8 AS seconds_left
         FROM erasure_requests
        WHERE status = ANY($2::text[]) AND due_at <= $1::timestamptz + make_interval(days => $3)
        ORDER BY due_at`,
      [now.toISOString(), OPEN_STATES, params.withinDays],
    );
    return rows.map((r) => {
      const days = r.seconds_left / 86_400;
      const when = days < 0 ? `overdue by ${Math.ceil(-days)} day(s)` : `due in ${Math.max(0, Math.floor(days))} day(s)`;
      return {
        key: `erasure-request:${r.id}`,
        summary: `erasure of ${r.subject_id} ${when} (${STATE_LABELS[r.status].toLowerCase()})`,
        details: { requestId: r.id, subjectId: r.subject_id, status: r.status, dueAt: r.due_at, daysLeft: Math.round(days * 10) / 10, withinDays: params.withinDays },
        href: `/compliance/requests/${r.id}`,
      };
    });
  },
});

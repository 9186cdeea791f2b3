import "server-only";
import { evaluateRules } from "./evaluate-rules";

const HOUR_MS = 3_600_000;

export type BackEvaluateResult = { evaluations: number; fired: number; resolved: number };

/**
 * Evaluates rules at every step from `from` to `to` (one minute past each hour by default), in
 * order and without notifying: the alerts a loop would have recorded over that past, computed from
 * the data (rollups, streams) as it stands. The fence on last_evaluated_at keeps the steps in
 * order; a later live evaluation (at a real "now") simply continues from the last step.
 */
export async function backEvaluateRules(opts: { ruleIds: string[]; from: Date; to: Date; stepMs?: number; offsetMs?: number }): Promise<BackEvaluateResult> {
  const step = opts.stepMs ?? HOUR_MS;
  const offset = opts.offsetMs ?? 60_000;
  const result: BackEvaluateResult = { evaluations: 0, fired: 0, resolved: 0 };
  for (let t = Math.floor(opts.from.getTime() / step) * step + offset; t <= opts.to.getTime(); t += step) {
    const r = await evaluateRules({ now: new Date(t), ruleIds: opts.ruleIds, notify: false });
    result.evaluations++;
    result.fired += r.fired;
    result.resolved += r.resolved;
  }
  return result;
}

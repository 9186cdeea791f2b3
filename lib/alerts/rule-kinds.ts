import "server-only";
import { causationDepthKind, causationLoopKind } from "../causation/alert-kinds";
import type { StoreExamples } from "../store/get-store-examples";
import { withExamples, type RuleKind, type RuleKindInfo } from "./rule-kind";
import { oldestTransaction } from "./kinds/oldest-transaction";
import { streamLength } from "./kinds/stream-length";
import { volumeAnomaly } from "./kinds/volume-anomaly";
import { volumeThreshold } from "./kinds/volume-threshold";
import { erasureDeadlineKind } from "../compliance/alert-kinds";
import { drillObjectiveKind, projectionLagKind, rebuildFailedKind } from "../projections/alert-kinds";

/**
 * Every alert rule kind the engine evaluates. A feature adds its kinds here (one import and one
 * entry each); the engine, the rule form and the API read this list.
 */
// Each kind has its own parameter type; the list holds them side by side.
export const RULE_KINDS: RuleKind<any>[] = [
  volumeThreshold,
  volumeAnomaly,
  streamLength,
  oldestTransaction,
  erasureDeadlineKind,
  // causation (issue 6)
  causationLoopKind,
  causationDepthKind,
  // Projections
  projectionLagKind,
  rebuildFailedKind,
  drillObjectiveKind,
];

export function findRuleKind(kind: string): RuleKind<unknown> | undefined {
  return RULE_KINDS.find((k) => k.kind === kind);
}

/** What the rule form shows for each kind; hints that need an example take it from the store. */
export function listRuleKindInfo(examples?: StoreExamples): RuleKindInfo[] {
  return RULE_KINDS.map(({ kind, label, description, fields }) => ({ kind, label, description, fields: withExamples(fields, examples) }));
}

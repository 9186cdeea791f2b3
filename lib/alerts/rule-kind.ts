import type pg from "pg";
import type { z } from "zod";

// The plug-in contract of the alert engine. The engine (lib/alerts/) knows nothing of volumes,
// causation, projections or erasure: each rule kind says what its parameters are, how the rule
// form asks for them, and what is true right now. The engine turns findings into alerts that
// fire, stay firing, and resolve, applies silences, and notifies. A later feature adds a kind by
// writing one of these and listing it in lib/alerts/rule-kinds.ts; the engine does not change.

/** One field of the rule form, rendered generically by the Alerts page. */
export type RuleField =
  | { name: string; label: string; type: "number"; min?: number; max?: number; step?: number; unit?: string; default?: number; help?: string }
  | { name: string; label: string; type: "text"; placeholder?: string; default?: string; help?: string; optional?: boolean; /** Its placeholder comes from the store: the largest category. */ example?: "category" }
  | { name: string; label: string; type: "select"; options: { value: string; label: string }[]; default?: string; help?: string };

/** Something that is wrong right now, as one evaluation of one rule sees it. */
export type AlertFinding = {
  /**
   * What the finding is about, stable across evaluations ("category:<name>", "stream:<id>",
   * "projection:customer-balances"): one alert per (rule, key); a key no longer found resolves.
   */
  key: string;
  /** One line for people: "tick: 12.4 k events in 5 min (threshold 10 k)". */
  summary: string;
  /** The facts behind it (observed, expected, threshold, …), shown in the UI and sent in webhooks. */
  details: Record<string, unknown>;
  /** The category concerned, if any: a silence on a category mutes findings that name it. */
  category?: string;
  /** Where in the app to look (a stream, a correlation graph, a projection). */
  href?: string;
};

export type RuleSeverity = "info" | "warning" | "critical";

export type EvaluateContext<P> = {
  /** A pool: evaluations only read. */
  db: pg.Pool;
  now: Date;
  params: P;
};

export type RuleKind<P = Record<string, unknown>> = {
  /** Stored in alert_rules.kind; never renamed once shipped. */
  kind: string;
  /** "Volume above a threshold". */
  label: string;
  /** A sentence for the rule form. */
  description: string;
  fields: RuleField[];
  /** Validates (and coerces) the parameters on create and before every evaluation. */
  params: z.ZodType<P>;
  /** "tick: more than 10 k events in 5 min". */
  describe(params: P): string;
  /** The findings that hold now; each returned key fires (or stays firing), every other key resolves. */
  evaluate(ctx: EvaluateContext<P>): Promise<AlertFinding[]>;
};

/** What the rule form needs of a kind: everything but the code (client-safe, serialisable). */
export type RuleKindInfo = Pick<RuleKind, "kind" | "label" | "description" | "fields">;

/** Keeps a kind's parameter type while listing it beside kinds of other types. */
export function defineRuleKind<P>(kind: RuleKind<P>): RuleKind<P> {
  return kind;
}

/** Fields with their store examples filled in: "e.g. <largest category>", and "<one of its streams> → <category>" in the help. */
export function withExamples(fields: RuleField[], examples?: { category: string | null; streamId: string | null }): RuleField[] {
  return fields.map((f) => {
    if (f.type !== "text" || f.example !== "category" || !examples?.category) return f;
    const from = examples.streamId && f.help?.includes("stream id") ? ` (${examples.streamId} → ${examples.category})` : "";
    return { ...f, placeholder: `e.g. ${examples.category}`, help: f.help ? `${f.help.replace(/\.$/, "")}${from}.` : undefined };
  });
}

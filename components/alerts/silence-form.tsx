"use client";

import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { createSilenceAction } from "@/lib/alerts/alert-actions";
import { formatDateTime } from "@/lib/format";
import { FormFeedback } from "@/components/ui/form-feedback";
import { SubmitRow } from "@/components/ui/submit-row";

const DURATIONS = [
  { minutes: 30, label: "30 minutes" },
  { minutes: 60, label: "1 hour" },
  { minutes: 240, label: "4 hours" },
  { minutes: 1440, label: "1 day" },
  { minutes: 10080, label: "1 week" },
];

/** Mute a rule or a category for a while, with a reason: alerts are still recorded, only webhooks wait. */
export function SilenceForm({ rules, exampleCategory }: { rules: { id: string; name: string }[]; /** The store's largest category, for the hint. */ exampleCategory: string | null }) {
  const { state, pending, onSubmit, formRef } = useFormAction(createSilenceAction);
  const [target, setTarget] = useState<"rule" | "category">(rules.length ? "rule" : "category");
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <FormFeedback state={state} success={state?.ok ? `Silenced until ${formatDateTime(state.data.endsAt)}.` : undefined} fieldsSpeak />
      <div className="form-grid">
        <div className="field">
          <label htmlFor="silence-target">Silence</label>
          <select id="silence-target" name="target" className="input" value={target} onChange={(e) => setTarget(e.target.value as "rule" | "category")}>
            <option value="rule" disabled={rules.length === 0}>
              a rule
            </option>
            <option value="category">a category (every rule)</option>
          </select>
        </div>
        {target === "rule" ? (
          <div className="field">
            <label htmlFor="silence-rule">Rule</label>
            <select id="silence-rule" name="ruleId" className="input">
              {rules.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            {errors.ruleId ? <span className="field-error">{errors.ruleId}</span> : null}
          </div>
        ) : (
          <div className="field">
            <label htmlFor="silence-category">Category</label>
            <input id="silence-category" name="category" className="input" placeholder={exampleCategory ? `e.g. ${exampleCategory}` : "category"} aria-invalid={errors.category ? true : undefined} />
            {errors.category ? <span className="field-error">{errors.category}</span> : <span className="field-hint">Mutes findings of any rule that name it.</span>}
          </div>
        )}
        <div className="field">
          <label htmlFor="silence-minutes">For</label>
          <select id="silence-minutes" name="minutes" className="input" defaultValue="60">
            {DURATIONS.map((d) => (
              <option key={d.minutes} value={d.minutes}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor="silence-reason">Reason</label>
          <input id="silence-reason" name="reason" className="input" maxLength={500} placeholder="e.g. load test until 18:00" aria-invalid={errors.reason ? true : undefined} />
          {errors.reason ? <span className="field-error">{errors.reason}</span> : null}
        </div>
      </div>
      <SubmitRow pending={pending} label="Silence" busyLabel="Silencing…" />
    </form>
  );
}

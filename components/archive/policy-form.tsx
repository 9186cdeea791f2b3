"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { saveArchivePolicyAction } from "@/lib/archive/archive-actions";
import { FormFeedback } from "@/components/ui/form-feedback";
import { SubmitRow } from "@/components/ui/submit-row";

/** Creates a policy, or changes the one for the category typed (the same category replaces it). */
export function PolicyForm({ categories }: { categories: string[] }) {
  const { state, pending, onSubmit, formRef } = useFormAction(saveArchivePolicyAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Archive policy">
      <FormFeedback state={state} fieldsSpeak />
      <div className="form-grid">
        <div className="field">
          <label htmlFor="policy-category">Category</label>
          <input id="policy-category" name="category" className="input" list="policy-categories" required maxLength={200} placeholder={categories[0] ? `e.g. ${categories[0]}` : "category"}
            aria-invalid={errors.category ? true : undefined} aria-describedby="policy-category-note" />
          <datalist id="policy-categories">
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <span className={errors.category ? "field-error" : "field-hint"} id="policy-category-note">{errors.category ?? "Saving an existing category's policy changes it."}</span>
        </div>
        <div className="field">
          <label htmlFor="policy-days">Archive events older than (days)</label>
          <input id="policy-days" name="olderThanDays" className="input" type="number" min={0} max={36500} defaultValue={30} required
            aria-invalid={errors.olderThanDays ? true : undefined} aria-describedby="policy-days-note" />
          <span className={errors.olderThanDays ? "field-error" : "field-hint"} id="policy-days-note">{errors.olderThanDays ?? "Only events a valid snapshot covers move (one is taken first if needed)."}</span>
        </div>
        <div className="field archive-checks">
          <label className="scope-option">
            <input type="checkbox" name="historyOnly" /> History only (no state is folded from this category: no snapshot needed)
          </label>
          <label className="scope-option">
            <input type="checkbox" name="enabled" defaultChecked /> Enabled (runs every hour)
          </label>
        </div>
      </div>
      <SubmitRow pending={pending} label="Save policy" busyLabel="Saving…" />
    </form>
  );
}

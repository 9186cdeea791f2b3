"use client";

import { DataTable } from "@/components/ui/data-table";
import { useFormAction } from "@/components/ui/use-form-action";
import type { CategoryGuards } from "@/lib/causation/guards";
import { updateGuardsAction } from "@/lib/causation/guard-actions";
import { formatInteger } from "@/lib/format";
import { FormFeedback } from "@/components/ui/form-feedback";

/** One category's two guards as a small form; ops save it, everyone else reads it. */
function GuardsRow({ guards, canEdit }: { guards: CategoryGuards; canEdit: boolean }) {
  const { state, pending, onSubmit, formRef } = useFormAction(updateGuardsAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const id = `guards-${guards.category}`;
  if (!canEdit) {
    return (
      <tr>
        <th scope="row" className="cell-strong">{guards.category}</th>
        <td className="num">{formatInteger(guards.maxDepth)}</td>
        <td className="num">{formatInteger(guards.maxPerHour)}</td>
        <td>{guards.custom ? "set" : "default"}</td>
      </tr>
    );
  }
  // The inputs sit in their own cells and belong to the row's form through their form attribute.
  return (
    <tr>
      <th scope="row" className="cell-strong">
        {guards.category}
        {guards.custom ? null : <span className="muted"> (default)</span>}
      </th>
      <td>
        <label htmlFor={`${id}-depth`} className="visually-hidden">
          Maximum causation depth for {guards.category}
        </label>
        <input id={`${id}-depth`} form={id} name="maxDepth" type="number" min={1} step={1} required defaultValue={guards.maxDepth} className="input gd-input" aria-invalid={errors.maxDepth ? true : undefined} />
      </td>
      <td>
        <label htmlFor={`${id}-hour`} className="visually-hidden">
          Maximum events per correlation per hour for {guards.category}
        </label>
        <input id={`${id}-hour`} form={id} name="maxPerHour" type="number" min={1} step={1} required defaultValue={guards.maxPerHour} className="input gd-input" aria-invalid={errors.maxPerHour ? true : undefined} />
      </td>
      <td>
        <form id={id} ref={formRef} onSubmit={onSubmit} className="inline-form" aria-label={`Guards of ${guards.category}`}>
          <input type="hidden" name="category" value={guards.category} />
          <button type="submit" className="button" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </button>
          <span className="row-message" role="status">
            {state?.ok ? state.message : state ? (errors.maxDepth ?? errors.maxPerHour ?? state.message) : ""}
          </span>
        </form>
      </td>
    </tr>
  );
}

/** A category that has no events yet can be given its guards before its first append. */
function NewCategoryForm({ example }: { example: string | null }) {
  const { state, pending, onSubmit, formRef } = useFormAction(updateGuardsAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} onSubmit={onSubmit} className="filter-bar gd-new" aria-label="Set the guards of another category">
      <div className="field">
        <label htmlFor="gd-new-category">Category</label>
        <input id="gd-new-category" name="category" required maxLength={200} className="input mono" placeholder={example ? `e.g. ${example}` : "category"} aria-invalid={errors.category ? true : undefined} />
        {errors.category ? <span className="field-error">{errors.category}</span> : null}
      </div>
      <div className="field">
        <label htmlFor="gd-new-depth">Max causation depth</label>
        <input id="gd-new-depth" name="maxDepth" type="number" min={1} step={1} required defaultValue={100} className="input" />
      </div>
      <div className="field">
        <label htmlFor="gd-new-hour">Max events per correlation per hour</label>
        <input id="gd-new-hour" name="maxPerHour" type="number" min={1} step={1} required defaultValue={10000} className="input" />
      </div>
      <div className="field field-buttons">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? "Saving…" : "Set guards"}
        </button>
      </div>
      <FormFeedback state={state} />
    </form>
  );
}

/** The limits per category; `example` (a category from the store) is the new-category field's hint. */
export function GuardsTable({ guards, canEdit, example = null }: { guards: CategoryGuards[]; canEdit: boolean; example?: string | null }) {
  return (
    <>
      <DataTable label="Guards per category">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className={canEdit ? undefined : "num"}>
              Max causation depth
            </th>
            <th scope="col" className={canEdit ? undefined : "num"}>
              Max events per correlation per hour
            </th>
            <th scope="col">{canEdit ? <span className="visually-hidden">Save</span> : "Source"}</th>
          </tr>
        </thead>
        <tbody>
          {guards.map((g) => (
            <GuardsRow key={g.category} guards={g} canEdit={canEdit} />
          ))}
        </tbody>
      </DataTable>
      {canEdit ? <NewCategoryForm example={example} /> : null}
    </>
  );
}

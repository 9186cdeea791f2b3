"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { createLegalHoldAction } from "@/lib/compliance/erasure-actions";
import { fieldError, FormFeedback } from "@/components/ui/form-feedback";
import { SubmitRow } from "@/components/ui/submit-row";

/** Places a legal hold on a subject, a stream or a category, optionally until a date. */
export function CreateHoldForm() {
  const { state, pending, onSubmit, formRef } = useFormAction(createLegalHoldAction);
  const err = (name: string) => fieldError(state, name);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="New legal hold">
      <FormFeedback state={state && !state.ok && state.fieldErrors ? null : state} />
      <div className="form-grid">
        <div className="field">
          <label htmlFor="hold-scope">Scope</label>
          <select id="hold-scope" name="scope" className="input" defaultValue="subject">
            <option value="subject">Subject</option>
            <option value="stream">Stream</option>
            <option value="category">Category</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="hold-target">Subject, stream or category</label>
          <input id="hold-target" name="target" className="input mono" required aria-invalid={err("target") ? true : undefined} />
          {err("target") ? <span className="field-error">{err("target")}</span> : null}
        </div>
        <div className="field field-grow">
          <label htmlFor="hold-reason">Reason</label>
          <input id="hold-reason" name="reason" className="input" required placeholder="Litigation … (case number)" aria-invalid={err("reason") ? true : undefined} />
          {err("reason") ? <span className="field-error">{err("reason")}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="hold-expires">Expires (optional)</label>
          <input id="hold-expires" name="expiresAt" type="date" className="input" aria-invalid={err("expiresAt") ? true : undefined} />
          {err("expiresAt") ? <span className="field-error">{err("expiresAt")}</span> : null}
        </div>
      </div>
      <SubmitRow pending={pending} label="Place hold" busyLabel="Placing…" />
    </form>
  );
}

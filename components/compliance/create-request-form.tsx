"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { createErasureRequestAction } from "@/lib/compliance/erasure-actions";
import { fieldError, FormFeedback } from "@/components/ui/form-feedback";
import { SubmitRow } from "@/components/ui/submit-row";

/** A new erasure request: the subject, why, and values to search the store for afterwards. */
export function CreateRequestForm() {
  const { state, pending, onSubmit, formRef } = useFormAction(createErasureRequestAction);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/compliance/requests/${state.data.id}`);
  }, [state, router]);
  const err = (name: string) => fieldError(state, name);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="New erasure request">
      <FormFeedback state={state && !state.ok && state.fieldErrors ? null : state} />
      <div className="form-grid">
        <div className="field">
          <label htmlFor="erasure-subject">Subject id</label>
          <input id="erasure-subject" name="subjectId" className="input mono" autoComplete="off" required placeholder="the subject id your events carry" aria-invalid={err("subjectId") ? true : undefined} />
          {err("subjectId") ? <span className="field-error">{err("subjectId")}</span> : <span className="field-hint">The data subject whose key is destroyed.</span>}
        </div>
        <div className="field field-grow">
          <label htmlFor="erasure-reason">Reason</label>
          <input id="erasure-reason" name="reason" className="input" required placeholder="Art. 17 request received by e-mail on …" aria-invalid={err("reason") ? true : undefined} />
          {err("reason") ? <span className="field-error">{err("reason")}</span> : null}
        </div>
        <div className="field field-grow">
          <label htmlFor="erasure-known">Known values (optional, one a line)</label>
          <textarea id="erasure-known" name="knownValues" className="input" rows={2} placeholder="ann@example.org" aria-invalid={err("knownValues") ? true : undefined} />
          {err("knownValues") ? (
            <span className="field-error">{err("knownValues")}</span>
          ) : (
            <span className="field-hint">Searched for in plaintext after erasure; kept encrypted, only their hashes are logged.</span>
          )}
        </div>
      </div>
      <SubmitRow pending={pending} label="Record request" busyLabel="Recording and discovering…" />
    </form>
  );
}

"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { createWebhookAction } from "@/lib/alerts/alert-actions";
import { FormFeedback } from "@/components/ui/form-feedback";
import { SubmitRow } from "@/components/ui/submit-row";

/** Add an endpoint; the generated signing secret is shown once, for the receiver's configuration. */
export function WebhookForm() {
  const { state, pending, onSubmit, formRef } = useFormAction(createWebhookAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <>
      {state?.ok ? (
        <div className="token-reveal" role="status">
          <p>
            <strong>{state.message}.</strong>{" "}
            {state.data.secret ? "Its signing secret is below: copy it into the receiver now, it is shown only once." : "It signs with the secret you entered, stored sealed under the master key."}
          </p>
          {state.data.secret ? (
            <div className="token-value">
              <code data-testid="webhook-secret">{state.data.secret}</code>
            </div>
          ) : null}
        </div>
      ) : null}
      <FormFeedback state={state} success={null} fieldsSpeak />
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="webhook-name">Name</label>
            <input id="webhook-name" name="name" className="input" maxLength={100} placeholder="e.g. on-call pager" aria-invalid={errors.name ? true : undefined} />
            {errors.name ? <span className="field-error">{errors.name}</span> : null}
          </div>
          <div className="field field-grow">
            <label htmlFor="webhook-url">URL</label>
            <input id="webhook-url" name="url" className="input mono" placeholder="https://hooks.example.com/hindsight" aria-invalid={errors.url ? true : undefined} />
            {errors.url ? <span className="field-error">{errors.url}</span> : null}
          </div>
          <div className="field">
            <label htmlFor="webhook-secret">Signing secret (optional)</label>
            <input id="webhook-secret" name="secret" type="password" autoComplete="off" className="input mono" aria-invalid={errors.secret ? true : undefined} />
            {errors.secret ? <span className="field-error">{errors.secret}</span> : <span className="field-hint">Leave empty to generate one; either way it is stored sealed and shown only masked.</span>}
          </div>
        </div>
        <SubmitRow pending={pending} label="Add endpoint" busyLabel="Adding…" />
      </form>
    </>
  );
}

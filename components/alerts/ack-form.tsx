"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { acknowledgeAlertAction } from "@/lib/alerts/alert-actions";

/** "I'm on it": a comment is required so the next person knows what is being done. */
export function AckForm({ alertId }: { alertId: number }) {
  const { state, pending, onSubmit, formRef } = useFormAction(acknowledgeAlertAction);
  const error = state && !state.ok ? (state.fieldErrors?.comment ?? state.message) : null;
  const inputId = `ack-${alertId}`;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="ack-form" noValidate>
      <input type="hidden" name="alertId" value={alertId} />
      <label htmlFor={inputId} className="visually-hidden">
        Acknowledgement comment
      </label>
      <input id={inputId} name="comment" className="input" maxLength={1000} placeholder="What is being done about it?" aria-invalid={error ? true : undefined} />
      <button type="submit" className="button button-small" disabled={pending}>
        {pending ? "Saving…" : "Acknowledge"}
      </button>
      {error ? (
        <span className="row-message error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}

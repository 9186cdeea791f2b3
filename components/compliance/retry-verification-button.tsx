"use client";

import { useActionState } from "react";
import { retryVerificationAction } from "@/lib/compliance/erasure-actions";

/** Runs a failed verification again once what it could not read is back. */
export function RetryVerificationButton({ requestId }: { requestId: string }) {
  const [state, retry, retrying] = useActionState(retryVerificationAction, null);
  return (
    <form action={retry} className="inline-form">
      <input type="hidden" name="requestId" value={requestId} />
      <button type="submit" className="button button-primary" disabled={retrying}>
        {retrying ? "Queuing…" : "Retry verification"}
      </button>
      {state ? (
        <p className={state.ok ? "form-success" : "form-error"} role={state.ok ? "status" : "alert"}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

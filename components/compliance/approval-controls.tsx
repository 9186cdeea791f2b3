"use client";

import { useActionState } from "react";
import { approveErasureAction, rejectErasureAction } from "@/lib/compliance/erasure-actions";
import { FormFeedback } from "@/components/ui/form-feedback";

/**
 * Approve (the second pair of eyes) or reject. The button is offered to the requester too; the
 * server refuses their approval, and the refusal is shown here.
 */
export function ApprovalControls({ requestId, isRequester }: { requestId: string; isRequester: boolean }) {
  const [approved, approve, approving] = useActionState(approveErasureAction, null);
  const [rejected, reject, rejecting] = useActionState(rejectErasureAction, null);
  return (
    <div className="approval-controls">
      <form action={approve} className="inline-form">
        <input type="hidden" name="requestId" value={requestId} />
        <button type="submit" className="button button-primary" disabled={approving}>
          {approving ? "Approving…" : "Approve erasure"}
        </button>
        {isRequester ? <span className="muted">You made this request: a second compliance user must approve it.</span> : null}
      </form>
      <FormFeedback state={approved} />
      <form action={reject} className="inline-form">
        <input type="hidden" name="requestId" value={requestId} />
        <label className="visually-hidden" htmlFor="reject-reason">
          Why reject
        </label>
        <input id="reject-reason" name="reason" className="input" placeholder="Why reject?" />
        <button type="submit" className="button button-danger" disabled={rejecting}>
          {rejecting ? "Rejecting…" : "Reject"}
        </button>
      </form>
      {rejected && !rejected.ok ? (
        <p className="form-error" role="alert">
          {rejected.fieldErrors?.reason ?? rejected.message}
        </p>
      ) : null}
    </div>
  );
}

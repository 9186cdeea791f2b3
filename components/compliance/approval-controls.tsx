"use client";

import { useActionState } from "react";
import { approveErasureAction, rejectErasureAction } from "@/lib/compliance/erasure-actions";
import { FormFeedback } from "@/components/ui/form-feedback";

/**
 * Approve (the second pair of eyes) or reject. The requester sees Approve disabled with the reason
 * beside it; the server refuses their approval all the same.
 */
export function ApprovalControls({ requestId, isRequester }: { requestId: string; isRequester: boolean }) {
  const [approved, approve, approving] = useActionState(approveErasureAction, null);
  const [rejected, reject, rejecting] = useActionState(rejectErasureAction, null);
  return (
    <div className="approval-controls">
      <form action={approve} className="inline-form">
        <input type="hidden" name="requestId" value={requestId} />
        <button type="submit" className="button button-primary" disabled={approving || isRequester} aria-describedby={isRequester ? "approve-reason" : undefined}>
          {approving ? "Approving…" : "Approve erasure"}
        </button>
        {isRequester ? (
          <span id="approve-reason" className="muted" data-testid="approve-reason">
            Four eyes: you made this request, so another compliance user approves it.
          </span>
        ) : null}
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

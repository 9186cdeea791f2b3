"use client";

import { useActionState } from "react";
import { releaseLegalHoldAction } from "@/lib/compliance/erasure-actions";

/** Releases one hold, asking for the reason (recorded in the audit log). */
export function ReleaseHoldForm({ holdId, label }: { holdId: string; label: string }) {
  const [state, action, pending] = useActionState(releaseLegalHoldAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="holdId" value={holdId} />
      <label className="visually-hidden" htmlFor={`release-${holdId}`}>
        Why release the hold on {label}
      </label>
      <input id={`release-${holdId}`} name="reason" className="input" placeholder="Why release?" required minLength={3} />
      <button type="submit" className="button button-small" disabled={pending} aria-label={`Release hold on ${label}`}>
        {pending ? "Releasing…" : "Release"}
      </button>
      {state && !state.ok ? (
        <span className="row-message error" role="alert">
          {state.fieldErrors?.reason ?? state.message}
        </span>
      ) : null}
    </form>
  );
}

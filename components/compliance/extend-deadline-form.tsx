"use client";

import { useActionState } from "react";
import { extendDeadlineAction } from "@/lib/compliance/erasure-actions";

/** Moves the due date later by some days, with the reason recorded. */
export function ExtendDeadlineForm({ requestId }: { requestId: string }) {
  const [state, action, pending] = useActionState(extendDeadlineAction, null);
  return (
    <form action={action} className="inline-form" aria-label="Extend the deadline">
      <input type="hidden" name="requestId" value={requestId} />
      <label htmlFor="extend-days">Extend by</label>
      <input id="extend-days" name="days" type="number" min={1} max={60} defaultValue={30} className="input input-narrow" />
      <span>days because</span>
      <label className="visually-hidden" htmlFor="extend-reason">
        Why extend
      </label>
      <input id="extend-reason" name="reason" className="input" placeholder="complex request (Art. 12(3))" />
      <button type="submit" className="button button-small" disabled={pending}>
        {pending ? "Extending…" : "Extend"}
      </button>
      {state ? (
        <span className={`row-message${state.ok ? "" : " error"}`} role={state.ok ? "status" : "alert"}>
          {state.ok ? state.message : (state.fieldErrors?.reason ?? state.fieldErrors?.days ?? state.message)}
        </span>
      ) : null}
    </form>
  );
}

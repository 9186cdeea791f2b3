"use client";

import { useActionState } from "react";

type Result = { ok: true; message?: string } | { ok: false; message: string };

export type ActionButtonProps = {
  action: (prev: unknown, form: FormData) => Promise<Result>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  /** Asked before acting (removals). */
  confirm?: string;
  danger?: boolean;
  ariaLabel?: string;
  /** Show the success message next to the button (test sends). */
  showSuccess?: boolean;
};

/** One button that runs one server action with hidden fields, and says what went wrong (or right) beside it. */
export function ActionButton({ action, fields, label, pendingLabel, confirm, danger, ariaLabel, showSuccess }: ActionButtonProps) {
  const [state, dispatch, pending] = useActionState(action, null);
  return (
    <form
      action={dispatch}
      className="inline-form"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={`button button-small${danger ? " button-danger" : ""}`} disabled={pending} aria-label={ariaLabel}>
        {pending ? pendingLabel : label}
      </button>
      {state && !state.ok ? (
        <span className="row-message error" role="alert">
          {state.message}
        </span>
      ) : null}
      {state?.ok && showSuccess && state.message ? (
        <span className="row-message" role="status">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

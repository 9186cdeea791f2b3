"use client";

import { useActionState } from "react";
import { FormFeedback, type FeedbackState } from "./form-feedback";

export type ActionButtonProps = {
  action: (prev: unknown, form: FormData) => Promise<FeedbackState>;
  /** Sent as hidden fields. */
  fields: Record<string, string | number>;
  label: string;
  /** Shown while the action runs; `label…` when absent. */
  pendingLabel?: string;
  /** Asked with window.confirm before acting (removals, cancellations). */
  confirm?: string;
  tone?: "default" | "primary" | "danger";
  /** A row's small button (the default) or a page's full-size one. */
  size?: "small" | "regular";
  disabled?: boolean;
  title?: string;
  ariaLabel?: string;
  /** Show the success message too (a refusal is always shown). */
  showSuccess?: boolean;
  /** Feedback beside the button (the default) or as a paragraph after it. */
  feedback?: "inline" | "block";
  /** Called after each success, e.g. to refresh what the page shows. */
  onSuccess?: (message: string | undefined) => void;
};

/** One button that runs one server action with hidden fields, and says what went wrong (or right) beside it. */
export function ActionButton(props: ActionButtonProps) {
  const { action, fields, label, pendingLabel, confirm, tone = "default", size = "small", disabled, title, ariaLabel, showSuccess, feedback = "inline", onSuccess } = props;
  // onSuccess runs as the answer arrives, not in an effect after it renders: the answer may carry a
  // refreshed page in which this very button is gone (a rollback moves it to another row), and an
  // unmounted button's effect never runs.
  const [state, dispatch, pending] = useActionState(async (prev: FeedbackState | null, form: FormData) => {
    const result = await action(prev, form);
    if (result.ok) onSuccess?.(result.message);
    return result;
  }, null);
  const className = ["button", size === "small" ? "button-small" : "", tone === "primary" ? "button-primary" : tone === "danger" ? "button-danger" : ""].filter(Boolean).join(" ");
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
      <button type="submit" className={className} disabled={pending || disabled} title={title} aria-label={ariaLabel}>
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </button>
      <FormFeedback state={state} inline={feedback === "inline"} success={showSuccess ? undefined : null} />
    </form>
  );
}

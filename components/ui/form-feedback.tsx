import type { ReactNode } from "react";

/** What a server action answers, as far as a form shows it (ActionResult, or a narrower result). */
export type FeedbackState = { ok: true; message?: string } | { ok: false; message: string; fieldErrors?: Record<string, string> };

export type FormFeedbackProps = {
  state: FeedbackState | null;
  /** What a success says: the server's message when absent, nothing when null. */
  success?: ReactNode;
  /** When the server named fields, their own errors say it: no line for the whole form. */
  fieldsSpeak?: boolean;
  /** A short line beside a button in a row, rather than a paragraph above a form. */
  inline?: boolean;
};

/** The success line or the refusal of a form's last submit, announced to screen readers. */
export function FormFeedback({ state, success, fieldsSpeak, inline }: FormFeedbackProps) {
  if (!state) return null;
  const Line = inline ? "span" : "p";
  if (state.ok) {
    if (success === null) return null;
    return (
      <Line className={inline ? "row-message" : "form-success"} role="status">
        {success === undefined ? state.message : success}
      </Line>
    );
  }
  if (fieldsSpeak && state.fieldErrors) return null;
  return (
    <Line className={inline ? "row-message error" : "form-error"} role="alert">
      {state.message}
    </Line>
  );
}

/** The error of one field, if the server named it. */
export function fieldError(state: FeedbackState | null, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}

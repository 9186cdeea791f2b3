import type { ActionResult } from "@/lib/http/action-result";

/** The success line or the refusal of a form's last submit. */
export function FormFeedback({ state }: { state: ActionResult<unknown> | null }) {
  if (!state) return null;
  if (state.ok) {
    return (
      <p className="form-success" role="status">
        {state.message}
      </p>
    );
  }
  return (
    <p className="form-error" role="alert">
      {state.message}
    </p>
  );
}

/** The error of one field, if the server named it. */
export function fieldError(state: ActionResult<unknown> | null, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}

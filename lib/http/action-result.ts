import "server-only";
import { ZodError } from "zod";
import { isAppError } from "../errors";

/** What every server action returns: forms show `message` and `fieldErrors`; nothing throws to the client. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; status: number; code: string; message: string; fieldErrors?: Record<string, string> };

/**
 * Runs an action body and turns refusals into results with the status the API would use (401,
 * 403, 404, 409, 422). Unexpected errors are logged and answered without their details.
 */
export async function actionResult<T>(body: () => Promise<{ data: T; message?: string }>): Promise<ActionResult<T>> {
  try {
    const { data, message } = await body();
    return { ok: true, data, message };
  } catch (e) {
    if (isAppError(e)) return { ok: false, status: e.status, code: e.code, message: e.message };
    if (e instanceof ZodError) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of e.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
      return { ok: false, status: 422, code: "validation_failed", message: "Check the highlighted fields.", fieldErrors };
    }
    console.error("[action] unexpected error:", e);
    return { ok: false, status: 500, code: "internal_error", message: "Something went wrong on our side; it has been logged." };
  }
}

/** A FormData as a plain object for zod (repeated fields become arrays). */
export function formObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key).map((v) => (typeof v === "string" ? v : ""));
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

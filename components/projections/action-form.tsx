"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useContext, useEffect } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { ProjectionNoticeContext } from "./projection-notice";

type Props = {
  action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;
  fields: Record<string, string | number>;
  label: string;
  pendingLabel?: string;
  /** Asked with window.confirm before submitting. */
  confirm?: string;
  tone?: "primary" | "danger" | "default";
  disabled?: boolean;
  title?: string;
  projection: string;
};

/** One button that runs a projection action, shows the server's answer, and refreshes what the page shows. */
export function ActionForm({ action, fields, label, pendingLabel, confirm, tone = "default", disabled, title, projection }: Props) {
  const [state, run, pending] = useActionState(action, null);
  const queries = useQueryClient();
  const router = useRouter();
  const notify = useContext(ProjectionNoticeContext);
  useEffect(() => {
    if (!state?.ok) return;
    if (state.message) notify?.(state.message);
    void queries.invalidateQueries({ queryKey: ["projection", projection] });
    void queries.invalidateQueries({ queryKey: ["projection-diff", projection] });
    router.refresh();
  }, [state, queries, router, projection, notify]);
  return (
    <form
      action={run}
      className="inline-form"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={`button button-small${tone === "primary" ? " button-primary" : tone === "danger" ? " button-danger" : ""}`} disabled={pending || disabled} title={title}>
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </button>
      {state && !(state.ok && notify) ? (
        <span className={`row-message${state.ok ? "" : " error"}`} role={state.ok ? "status" : "alert"}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { deleteArchivePolicyAction, runArchivePolicyNowAction } from "@/lib/archive/archive-actions";

/** "Run now" and "Delete" for one policy; the run's outcome shows beside the buttons. */
export function PolicyActions({ category }: { category: string }) {
  const [run, runAction, running] = useActionState(runArchivePolicyNowAction, null);
  const [del, deleteAction, deleting] = useActionState(deleteArchivePolicyAction, null);
  return (
    <div className="archive-actions">
      <form action={runAction} className="inline-form">
        <input type="hidden" name="category" value={category} />
        <button type="submit" className="button button-small" disabled={running} aria-label={`Run now: the ${category} policy`}>
          {running ? "Running…" : "Run now"}
        </button>
      </form>
      <form
        action={deleteAction}
        className="inline-form"
        onSubmit={(e) => {
          if (!window.confirm(`Delete the archive policy for ${category}? What it archived stays archived.`)) e.preventDefault();
        }}
      >
        <input type="hidden" name="category" value={category} />
        <button type="submit" className="button button-small button-danger" disabled={deleting} aria-label={`Delete the ${category} policy`}>
          {deleting ? "Deleting…" : "Delete"}
        </button>
      </form>
      {run ? (
        <span className={run.ok && run.data.status !== "failed" ? "row-message" : "row-message error"} role="status" data-testid="run-result">
          {run.message}
        </span>
      ) : null}
      {del && !del.ok ? <span className="row-message error" role="alert">{del.message}</span> : null}
    </div>
  );
}

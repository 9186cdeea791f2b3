"use client";

import { useActionState } from "react";
import { ActionButton } from "@/components/ui/action-button";
import { deleteArchivePolicyAction, runArchivePolicyNowAction } from "@/lib/archive/archive-actions";

/** "Run now" and "Delete" for one policy; the run's outcome shows beside the buttons. */
export function PolicyActions({ category }: { category: string }) {
  const [run, runAction, running] = useActionState(runArchivePolicyNowAction, null);
  return (
    <div className="archive-actions">
      <form action={runAction} className="inline-form">
        <input type="hidden" name="category" value={category} />
        <button type="submit" className="button button-small" disabled={running} aria-label={`Run now: the ${category} policy`}>
          {running ? "Running…" : "Run now"}
        </button>
      </form>
      <ActionButton
        action={deleteArchivePolicyAction}
        fields={{ category }}
        label="Delete"
        pendingLabel="Deleting…"
        tone="danger"
        confirm={`Delete the archive policy for ${category}? What it archived stays archived.`}
        ariaLabel={`Delete the ${category} policy`}
      />
      {run ? (
        <span className={run.ok && run.data.status !== "failed" ? "row-message" : "row-message error"} role="status" data-testid="run-result">
          {run.message}
        </span>
      ) : null}
    </div>
  );
}

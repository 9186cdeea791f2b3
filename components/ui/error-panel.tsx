"use client";

import Link from "next/link";
import { useEffect } from "react";

export type ErrorPanelProps = {
  /** What failed, in the page's words: "Could not load the overview". */
  title: string;
  error: unknown;
  retry: () => void;
};

/** The body of an error.tsx boundary: what failed, the likely cause, a retry and a way out. */
export function ErrorPanel({ title, error, retry }: ErrorPanelProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  // Server errors reach the browser without their message (Next.js hides it); the digest matches the server log.
  const digest = error instanceof Error && "digest" in error ? String((error as { digest?: unknown }).digest ?? "") : "";
  return (
    <div className="error-panel" role="alert">
      <h1 className="page-title">{title}</h1>
      <p>
        The server could not answer. The database may be unreachable or busy; check{" "}
        <a href="/api/health">/api/health</a> and try again.
      </p>
      {digest ? (
        <p className="muted">
          Error reference <code>{digest}</code> (search the server log for it).
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => retry()}>
          Try again
        </button>
        <Link href="/" className="button">
          Go to the overview
        </Link>
      </div>
    </div>
  );
}

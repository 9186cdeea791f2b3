"use client";

import { useState, useTransition } from "react";
import { verifyAuditChainAction } from "@/lib/audit/audit-actions";
import type { ActionResult } from "@/lib/http/action-result";
import type { ChainVerdict } from "@/lib/audit/verify-audit-chain";

const REASONS = {
  content_altered: "its content was altered after it was written",
  link_broken: "it does not follow the entry before it, so an entry was removed, inserted or re-hashed",
  anchor_mismatch: "it differs from the entry a signed anchor recorded, so the chain was rewritten",
  truncated: "a signed anchor recorded entries that are gone, so the newest entries were deleted",
} as const;

/** "Verify chain": recomputes every entry's hash on the server and says OK or names the first broken link. */
export function VerifyChain() {
  const [result, setResult] = useState<ActionResult<ChainVerdict> | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="chain-status">
      <button type="button" className="button button-primary" disabled={pending} onClick={() => start(async () => setResult(await verifyAuditChainAction()))}>
        {pending ? "Verifying…" : "Verify chain"}
      </button>
      <div aria-live="polite" data-testid="chain-verdict" className="chain-verdict">
        {result === null ? null : !result.ok ? (
          <p className="form-error">{result.message}</p>
        ) : result.data.ok ? (
          <p className="form-success">
            Chain OK: all {result.data.entries.toLocaleString("en-US")} entries check out, every hash and every link
            {result.data.anchors.checked > 0 ? `, and it matches ${result.data.anchors.checked.toLocaleString("en-US")} signed anchor(s)` : ", but no signed anchor exists yet"}.
          </p>
        ) : (
          <p className="form-error">
            Chain broken at entry #{result.data.brokenAt}: {REASONS[result.data.reason]}. {result.data.message}.{" "}
            <a href={`/audit?before=${result.data.brokenAt + 1}`}>Show that entry</a>
          </p>
        )}
        {result?.ok && result.data.anchors.unverified > 0 ? (
          <p className="form-error">{result.data.anchors.unverified} anchor file(s) are not signed by this console&apos;s key and were not used.</p>
        ) : null}
      </div>
    </div>
  );
}

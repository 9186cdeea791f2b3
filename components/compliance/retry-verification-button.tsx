"use client";

import { ActionButton } from "@/components/ui/action-button";
import { retryVerificationAction } from "@/lib/compliance/erasure-actions";

/** Runs a failed verification again once what it could not read is back. */
export function RetryVerificationButton({ requestId }: { requestId: string }) {
  return (
    <ActionButton
      action={retryVerificationAction}
      fields={{ requestId }}
      label="Retry verification"
      pendingLabel="Queuing…"
      tone="primary"
      size="regular"
      feedback="block"
      showSuccess
    />
  );
}

"use client";

import { ActionButton } from "@/components/ui/action-button";
import { revokeTokenAction } from "@/lib/auth/token-actions";

/** Revokes one token after a confirmation: calls carrying it fail from the next request on. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  return (
    <ActionButton
      action={revokeTokenAction}
      fields={{ tokenId }}
      label="Revoke"
      pendingLabel="Revoking…"
      tone="danger"
      confirm={`Revoke the token “${name}”? Anything using it stops working at once.`}
      ariaLabel={`Revoke ${name}`}
    />
  );
}

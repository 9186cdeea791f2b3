"use client";

import { useActionState } from "react";
import { revokeTokenAction } from "@/lib/auth/token-actions";

/** Revokes one token after a confirmation: calls carrying it fail from the next request on. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action, pending] = useActionState(revokeTokenAction, null);
  return (
    <form
      action={action}
      className="inline-form"
      onSubmit={(e) => {
        if (!window.confirm(`Revoke the token “${name}”? Anything using it stops working at once.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" className="button button-small button-danger" disabled={pending} aria-label={`Revoke ${name}`}>
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {state && !state.ok ? (
        <span className="row-message error" role="alert">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

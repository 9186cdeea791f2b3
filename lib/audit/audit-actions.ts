"use server";

import { requirePermission } from "../auth/require-permission";
import { actionResult, type ActionResult } from "../http/action-result";
import { verifyAuditChain, type ChainVerdict } from "./verify-audit-chain";

/** Audit → "Verify chain": recomputes every hash and names the first broken link. Reads only, so it is not audited. */
export async function verifyAuditChainAction(): Promise<ActionResult<ChainVerdict>> {
  return actionResult(async () => {
    await requirePermission("audit.read");
    return { data: await verifyAuditChain() };
  });
}

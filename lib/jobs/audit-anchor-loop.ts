import "server-only";
import { loadAnchorKeys } from "../audit/anchor-key";
import { getAuditChainHead } from "../audit/verify-audit-chain";
import { writeAuditAnchor } from "../audit/write-audit-anchor";
import { startLeaderLoop, type LeaderLoop } from "./leader-loop";
import { env } from "../env";

const INTERVAL_MS = env("HINDSIGHT_AUDIT_ANCHOR_INTERVAL_MS");

/**
 * One leader anchors the audit chain's head when it starts leading and every few minutes after,
 * skipping passes where the head has not moved since its last anchor.
 */
export function startAuditAnchorLoop(databaseUrl: string): LeaderLoop {
  let last = "";
  return startLeaderLoop({
    databaseUrl,
    name: "audit-anchor",
    lockKey: "hindsight:audit-anchor",
    leadingMessage: "anchoring the audit chain head",
    pass: async ({ sleep }) => {
      try {
        const current = await getAuditChainHead();
        if (last !== `${current?.id}:${current?.hash}`) {
          const keys = loadAnchorKeys();
          const { anchor, key } = await writeAuditAnchor({ keys });
          console.log(`[audit-anchor] #${anchor.headId} ${anchor.headHash} signed by key ${keys.keyId} → ${key}`);
          last = `${current?.id}:${current?.hash}`;
        }
      } catch (e) {
        console.error(`[audit-anchor] could not write an anchor: ${(e as Error).message}`);
      }
      await sleep(INTERVAL_MS);
    },
  });
}

import "server-only";
import { z } from "zod";
import { formatDuration } from "../../format";
import { listBlockingTransactions } from "../../growth/list-blocking-transactions";
import { defineRuleKind } from "../rule-kind";

const params = z.object({
  maxAgeSeconds: z.coerce.number().int().min(1, "At least 1 second").max(86_400 * 7),
});

type Params = z.infer<typeof params>;

/** A transaction left open (an idle-in-transaction session, a stuck migration) holds every log reader behind it. */
export const oldestTransaction = defineRuleKind<Params>({
  kind: "oldest_transaction",
  label: "Open transaction holding log readers back",
  description:
    "Fires for each transaction that has written (holds an xid) and stayed open longer than the limit: rollups, projections and read-all cannot pass it, so they fall behind until it ends.",
  fields: [{ name: "maxAgeSeconds", label: "Open longer than", type: "number", min: 1, step: 1, unit: "seconds", default: 300 }],
  params,
  describe: (p) => `a writing transaction open longer than ${formatDuration(p.maxAgeSeconds)}`,
  async evaluate({ db, params: p }) {
    // pg_stat_activity is the present: this kind reads the clock of the server, not the evaluation instant.
    const open = await listBlockingTransactions({ db, minAgeSeconds: p.maxAgeSeconds, limit: 20 });
    return open.map((t) => ({
      key: `backend:${t.pid}:${t.xid}`,
      summary: `backend ${t.pid} (${t.application}) has held a transaction open for ${formatDuration(t.ageSeconds)}: log readers wait behind it`,
      details: { pid: t.pid, application: t.application, user: t.user, database: t.database, state: t.state, ageSeconds: Math.round(t.ageSeconds), xid: t.xid, query: t.query, limitSeconds: p.maxAgeSeconds },
    }));
  },
});

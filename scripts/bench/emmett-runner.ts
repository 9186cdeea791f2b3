// Runs the peer (emmett) in its own process for the bench (forked by scripts/bench.ts).
import { openEmmett, type EmmettPeer } from "./emmett";
import { serve } from "./runner";
import { runBatches, runReadAll, runSingles, type BatchRunOptions, type TimedRunOptions } from "./workload";

const url = process.env.EMMETT_DATABASE_URL;
if (!url) throw new Error("EMMETT_DATABASE_URL is not set");
let peer: Promise<EmmettPeer> | undefined;
const open = () => (peer ??= openEmmett(url));

serve({
  setup: async () => {
    await open();
    return null;
  },
  batches: async (o: BatchRunOptions) => runBatches((await open()).store, o),
  singles: async (o: TimedRunOptions) => runSingles((await open()).store, o),
  readAll: async (o: { pageSize: number; maxMs: number; expected?: number }) => runReadAll((await open()).store, o),
  close: async () => {
    if (peer) await (await peer).close();
    return null;
  },
});

import { archivedThrough } from "@/lib/archive/read-archived";
import { ArchivedEvents } from "./archived-events";

/** On a stream page: nothing for a stream with no archived events, otherwise the notice and its loader. */
export async function ArchivedNotice({ streamId }: { streamId: string }) {
  const through = await archivedThrough(streamId);
  if (through === 0) return null;
  return <ArchivedEvents streamId={streamId} archivedThrough={through} />;
}

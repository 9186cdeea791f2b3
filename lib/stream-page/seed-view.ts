import "server-only";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import type { PiiMode } from "../schema/pii";
import { readStream } from "../store/read-stream";
import { getStateAt, stateResponse } from "../stream-state/get-state-at";
import { eventsPageKey, pageOfVersion, streamStateKey, TIMELINE_PAGE_SIZE } from "./query-keys";

export type SeedViewOptions = {
  streamId: string;
  cursor: number;
  /** The version open in the drawer, if any. */
  event: number | null;
  pii: PiiMode;
  /** Versions with a valid snapshot: the state is seeded only when it folds few events. */
  snapshots: number[];
};

// Folding more than this on the server would hold back the whole page; the browser asks instead.
const MAX_SEEDED_FOLD = 2_000;

/**
 * The data the stream page's first view needs (the timeline pages around the cursor and the open
 * event, and the state at the cursor when cheap), read on the server and handed to react-query,
 * so the first HTML already shows rows and state instead of skeletons that wait for JavaScript.
 */
export async function seedTimeMachineView(opts: SeedViewOptions): Promise<DehydratedState> {
  const pages = new Set<number>();
  if (opts.cursor > 0) pages.add(pageOfVersion(opts.cursor));
  if (opts.event) pages.add(pageOfVersion(opts.event));
  const from = Math.max(0, ...opts.snapshots.filter((v) => v <= opts.cursor));
  const client = new QueryClient();
  await Promise.all([
    ...[...pages].map(async (page) => {
      const read = await readStream({ streamId: opts.streamId, fromVersion: page * TIMELINE_PAGE_SIZE + 1, limit: TIMELINE_PAGE_SIZE, pii: opts.pii });
      client.setQueryData(eventsPageKey(opts.streamId, page), read);
    }),
    opts.cursor - from <= MAX_SEEDED_FOLD
      ? getStateAt({ streamId: opts.streamId, target: { version: opts.cursor }, pii: opts.pii }).then((s) =>
          client.setQueryData(streamStateKey(opts.streamId, opts.cursor), { ...stateResponse(s) }),
        )
      : null,
  ]);
  return dehydrate(client);
}

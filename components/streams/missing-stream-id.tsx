"use client";

import { useParams } from "next/navigation";
import { streamIdFromSegment } from "./stream-id";

/** The id someone asked for, shown on the not-found page (which gets no params of its own). */
export function MissingStreamId() {
  const params = useParams<{ streamId?: string }>();
  const segment = params?.streamId;
  if (!segment) return null;
  const id = streamIdFromSegment(segment);
  return id === null ? (
    <p>
      <code className="break-all">{segment}</code> is not a valid stream id: ids are 1–200 characters without spaces or
      control characters.
    </p>
  ) : (
    <p>
      No stream has the id <code className="break-all">{id}</code>.
    </p>
  );
}

import { queryString } from "@/lib/search-params";

/** The Streams page filtered to one category (or event type) active on the UTC day of a bucket. */
export function streamsOfBucketHref(by: "category" | "type", key: string, start: string): string {
  const day = new Date(start).toISOString().slice(0, 10);
  return `/streams${queryString({ [by]: key, from: day, to: day })}`;
}

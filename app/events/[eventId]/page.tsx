import { notFound, redirect } from "next/navigation";
import { streamHref } from "@/components/streams/stream-href";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { findEventLocation } from "@/lib/store/get-event";

export const dynamic = "force-dynamic";

/**
 * /events/<eventId>: the permanent link to an event (other pages and tickets use it). Opens the
 * event's stream at its version with the event drawer open; an unknown or malformed id is a 404.
 */
export default async function EventPage(props: { params: Promise<{ eventId: string }> }) {
  await requirePagePermission("events.read");
  const { eventId } = await props.params;
  const found = await findEventLocation(eventId);
  if (!found) notFound();
  redirect(streamHref(found.streamId, `?v=${found.streamVersion}&event=${found.streamVersion}`));
}

import { EmptyState } from "@/components/ui/empty-state";

/** What the overview says when the store holds no events yet: how to put some in. */
export function EmptyStore() {
  return (
    <EmptyState title="The event store is empty">
      <p>Nothing has been appended yet. To see Hindsight with data, either:</p>
      <ul className="steps">
        <li>
          load the demo world (about 90 days of history) with <code>npm run seed</code>, or
        </li>
        <li>
          append your own events with <code>POST /api/v1/streams/{"{streamId}"}/events</code>, for example:
          <pre className="code-block">
            {`POST /api/v1/streams/parcel-1/events
Content-Type: application/json

{
  "events": [{
    "type": "ParcelSent",
    "data": { "parcelId": "1", "weightKg": 2.5 }
  }]
}`}
          </pre>
        </li>
      </ul>
      <p className="muted">This page updates on the next reload once events arrive.</p>
    </EmptyState>
  );
}

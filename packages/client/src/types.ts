/** A JSON object, as event data and metadata are. */
export type JsonObject = { [key: string]: unknown };

export type ExpectedVersion = number | "any" | "no_stream" | "exists";

export type NewEvent = {
  type: string;
  data: JsonObject;
  schemaVersion?: number;
  metadata?: JsonObject;
  eventId?: string;
  correlationId?: string;
  causationId?: string;
};

export type AppendResult = {
  streamId: string;
  fromVersion: number;
  toVersion: number;
  events: { eventId: string; streamVersion: number; globalPosition: number }[];
  /** Set when the same idempotency key and request were seen before: nothing was written. */
  duplicate?: true;
};

/** An event as the API shows it; PII the caller may not see is "[masked]", an erased subject's "[erased]". */
export type RecordedEvent = {
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  type: string;
  schemaVersion: number;
  storedSchemaVersion: number;
  data: JsonObject;
  metadata: JsonObject;
  correlationId: string | null;
  causationId: string | null;
  causationDepth: number;
  recordedAt: string;
};

export type ReadStreamResult = { streamId: string; version: number; events: RecordedEvent[]; next: number | null };

export type ReadAllResult = { events: RecordedEvent[]; next: string };

/** An event delivered by a subscription, with the cursor to resume after it. */
export type SubscribedEvent = RecordedEvent & { cursor: string };

import { martenMustShow } from "../../testing/marten-must-show";

// Marten 9 as most teams configure it: Guid streams in their own schema, with the metadata columns on.
martenMustShow({ version: 9, schema: "events", identity: "guid", metadata: { correlationId: true, causationId: true, headers: true }, indexes: { uniqueEventId: true } }, null);

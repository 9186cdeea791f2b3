import { z } from "zod";
import { MAX_EVENTS_PER_APPEND, MAX_VERSION } from "./append-to-stream";

/** The body of `POST /api/v1/streams/{streamId}/events`, as the route (and the bench's peer front) parse it. */
export const appendRequestSchema = z.object({
  expectedVersion: z.union([z.number().int().min(0).max(MAX_VERSION), z.enum(["any", "no_stream", "exists"])]).optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
  events: z
    .array(
      z.object({
        type: z.string().min(1).max(200),
        schemaVersion: z.number().int().min(1).max(MAX_VERSION).optional(),
        data: z.record(z.string(), z.unknown()),
        metadata: z.record(z.string(), z.unknown()).optional(),
        eventId: z.uuid().optional(),
        correlationId: z.uuid().optional(),
        causationId: z.uuid().optional(),
      }),
    )
    .min(1)
    .max(MAX_EVENTS_PER_APPEND),
});

/** What every refusal of the API carries: `{"error": {"code", "message", ...details}}`. */
export type ErrorBody = { code: string; message: string; [detail: string]: unknown };

/** Any refusal by Hindsight; the subclass says which (one per API error code). */
export class HindsightError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    const { code, message: _message, ...details } = body;
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export class BadRequest extends HindsightError {}
export class MalformedJson extends HindsightError {}
export class InvalidCursor extends HindsightError {}
export class Unauthenticated extends HindsightError {}
export class InvalidToken extends HindsightError {}
export class SessionExpired extends HindsightError {}
/** 401: the API token is past its expiry; make a new one. */
export class TokenExpired extends HindsightError {}
export class Forbidden extends HindsightError {}
export class CrossSiteRequest extends HindsightError {}
export class NotFound extends HindsightError {}
export class StreamNotFound extends HindsightError {}
export class MethodNotAllowed extends HindsightError {}
export class Conflict extends HindsightError {}
/** The console reads another event store (Emmett, Message DB, Marten): appending and the like happen there. */
export class NotSupportedBySource extends HindsightError {}
/** 409: the stream is not at `expectedVersion` (see `details.actualVersion`). */
export class VersionConflict extends HindsightError {}
/** 409: the idempotency key was used before with a different request. */
export class IdempotencyConflict extends HindsightError {}
export class DuplicateEventId extends HindsightError {}
/** 409: the schema version would break stored events (see `details.reasons`). */
export class SchemaIncompatible extends HindsightError {}
/** 409: the schema version already has events and cannot change. */
export class SchemaImmutable extends HindsightError {}
export class PayloadTooLarge extends HindsightError {}
export class UnsupportedMediaType extends HindsightError {}
/** 422: see `details.issues`. */
export class ValidationFailed extends HindsightError {}
export class CausationDepthExceeded extends HindsightError {}
export class CorrelationLimitExceeded extends HindsightError {}
export class SubjectErased extends HindsightError {}
export class UnknownSchemaVersion extends HindsightError {}
export class RateLimited extends HindsightError {}
export class InternalError extends HindsightError {}
export class DatabaseUnavailable extends HindsightError {}

/** The error class for each code the API answers. */
export const ERROR_CLASSES = {
  bad_request: BadRequest,
  malformed_json: MalformedJson,
  invalid_cursor: InvalidCursor,
  unauthenticated: Unauthenticated,
  invalid_token: InvalidToken,
  session_expired: SessionExpired,
  token_expired: TokenExpired,
  forbidden: Forbidden,
  cross_site_request: CrossSiteRequest,
  not_found: NotFound,
  stream_not_found: StreamNotFound,
  not_supported_by_source: NotSupportedBySource,
  method_not_allowed: MethodNotAllowed,
  conflict: Conflict,
  version_conflict: VersionConflict,
  idempotency_conflict: IdempotencyConflict,
  duplicate_event_id: DuplicateEventId,
  schema_incompatible: SchemaIncompatible,
  schema_immutable: SchemaImmutable,
  payload_too_large: PayloadTooLarge,
  unsupported_media_type: UnsupportedMediaType,
  validation_failed: ValidationFailed,
  causation_depth_exceeded: CausationDepthExceeded,
  correlation_limit_exceeded: CorrelationLimitExceeded,
  subject_erased: SubjectErased,
  unknown_schema_version: UnknownSchemaVersion,
  rate_limited: RateLimited,
  internal_error: InternalError,
  database_unavailable: DatabaseUnavailable,
} as const satisfies Record<string, typeof HindsightError>;

/** The typed error for an API refusal (an unknown code still becomes a HindsightError). */
export function toHindsightError(status: number, body: unknown): HindsightError {
  const error = (body as { error?: ErrorBody } | null)?.error;
  const shaped: ErrorBody = error && typeof error.code === "string" ? error : { code: `http_${status}`, message: `HTTP ${status}` };
  const Class = (ERROR_CLASSES as Record<string, typeof HindsightError>)[shaped.code] ?? HindsightError;
  return new Class(status, shaped);
}

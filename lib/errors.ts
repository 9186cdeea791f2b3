/** Every refusal Hindsight makes, by the code clients see in `{"error": {"code"}}`. */
export const ERROR_STATUS = {
  bad_request: 400,
  malformed_json: 400,
  invalid_cursor: 400,
  unauthenticated: 401,
  invalid_token: 401,
  token_expired: 401,
  session_expired: 401,
  forbidden: 403,
  cross_site_request: 403,
  not_found: 404,
  stream_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  version_conflict: 409,
  idempotency_conflict: 409,
  duplicate_event_id: 409,
  schema_incompatible: 409,
  schema_immutable: 409,
  not_supported_by_source: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  causation_depth_exceeded: 422,
  correlation_limit_exceeded: 422,
  subject_erased: 422,
  unknown_schema_version: 422,
  rate_limited: 429,
  internal_error: 500,
  database_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A typed refusal: the code decides the HTTP status, details travel with it to the client. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

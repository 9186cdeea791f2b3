import "server-only";
import { AppError } from "../errors";
import { assertFaithfulJson } from "./json-tree";
import { env } from "../env";

export const DEFAULT_BODY_LIMIT = env("HINDSIGHT_MAX_BODY_BYTES");

/**
 * Reads a JSON body, refusing more than `limit` bytes (413), another media type or charset (415),
 * bytes that are not UTF-8 or text that is not JSON (400), and JSON that would not be stored as
 * sent (422): nothing is silently replaced or dropped.
 */
export async function readJsonBody(req: Request, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  checkJsonHeaders(req.headers.get("content-type"), req.headers.get("content-length"), limit);
  if (!req.body) throw new AppError("malformed_json", "the request has no body");
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return parseJsonBody(Buffer.concat(chunks));
}

/** Refuses a body that is not UTF-8 JSON (415) or declares more than `limit` bytes (413) before any of it is read. */
export function checkJsonHeaders(contentType: string | null | undefined, contentLength: string | null | undefined, limit: number): void {
  const type = contentType ?? "";
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "send the body as application/json");
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    throw new AppError("unsupported_media_type", `send the body as UTF-8 (charset=${charset} is not accepted)`, { charset });
  }
  const declared = Number(contentLength ?? NaN);
  if (declared > limit) throw tooLarge(limit);
}

/** The body's JSON exactly as sent: 400 for bytes that are not UTF-8 or text that is not JSON, 422 for JSON that would not be stored as sent. */
export function parseJsonBody(bytes: Buffer): unknown {
  let text: string;
  try {
    // Fatal, so a broken byte is refused instead of becoming U+FFFD in the stored event.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("malformed_json", "the body is not valid UTF-8");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new AppError("malformed_json", `the body is not valid JSON: ${(e as Error).message}`);
  }
  assertFaithfulJson(parsed);
  return parsed;
}

export function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `the body is larger than ${limit} bytes`, { limit });
}

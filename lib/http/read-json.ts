import "server-only";
import { AppError } from "../errors";

export const DEFAULT_BODY_LIMIT = Number(process.env.HINDSIGHT_MAX_BODY_BYTES ?? 1024 * 1024);

/** Reads a JSON body, refusing more than `limit` bytes (413) and anything that is not JSON (400/415). */
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

/** Refuses a body that is not JSON (415) or declares more than `limit` bytes (413) before any of it is read. */
export function checkJsonHeaders(contentType: string | null | undefined, contentLength: string | null | undefined, limit: number): void {
  const type = contentType ?? "";
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "send the body as application/json");
  }
  const declared = Number(contentLength ?? NaN);
  if (declared > limit) throw tooLarge(limit);
}

/** The body's JSON, or 400 malformed_json. */
export function parseJsonBody(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw new AppError("malformed_json", `the body is not valid JSON: ${(e as Error).message}`);
  }
}

export function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `the body is larger than ${limit} bytes`, { limit });
}

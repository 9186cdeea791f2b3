import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../errors";
import type { ApiAnswer } from "../http/api-answer";
import { checkJsonHeaders, DEFAULT_BODY_LIMIT, parseJsonBody, tooLarge } from "../http/read-json";

/**
 * A node:http request's JSON body, counted while it streams in: past `limit` bytes it stops
 * reading and answers 413 (the connection is then closed rather than drained).
 */
export async function readNodeJson(req: IncomingMessage, res: ServerResponse, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  try {
    checkJsonHeaders(req.headers["content-type"], req.headers["content-length"], limit);
  } catch (e) {
    if ((e as AppError).code === "payload_too_large") res.setHeader("Connection", "close");
    throw e;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      res.setHeader("Connection", "close");
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  if (size === 0) throw new AppError("malformed_json", "the request has no body");
  return parseJsonBody(Buffer.concat(chunks));
}

/** Sends an answer as JSON, never cached. */
export function sendAnswer(res: ServerResponse, answer: ApiAnswer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...answer.headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(body);
}

/** An AbortSignal that fires when the client goes away before the answer is complete. */
export function closedSignal(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  req.once("aborted", () => controller.abort());
  return controller.signal;
}

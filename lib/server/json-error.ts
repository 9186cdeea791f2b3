import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { STATUS_CODES } from "node:http";

/** The API's error shape, as bytes. */
export function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** Answers a JSON error on a response nothing has been written to yet. */
export function sendJsonError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const body = errorBody(code, message);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
  res.end(body);
}

/**
 * Writes a whole JSON error answer straight onto a socket and closes it: for errors found before
 * (or instead of) a request object, where node:http has no response to give us.
 */
export function writeRawJsonError(socket: Socket, status: number, code: string, message: string): void {
  const body = errorBody(code, message);
  if (socket.writable && !socket.destroyed) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n` +
        "Content-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroySoon?.();
}

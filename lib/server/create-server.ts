import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { guardApiResponse, hasValidPercentEncoding, isApiPath } from "./api-answers";
import { parseTrustedProxies, resolveClientAddress, rewriteForwardingHeaders } from "./client-address";
import type { FastHandler, FastRouteContext } from "./fast-route";
import { sendJsonError, writeRawJsonError } from "./json-error";
import type { ServerSettings } from "./server-settings";

export type HindsightServerOptions = {
  bootId: string;
  settings: ServerSettings;
  /** Tried in order before the fallback; the first that answers true owns the request. */
  fastHandlers: readonly FastHandler[];
  /** Everything no fast handler took: Next.js in production. */
  fallback: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
  /** The methods a route under /api/ supports, for the Allow header of a 405 (null when unknown). */
  allowedMethods?: (path: string) => string[] | null;
  log: (line: string) => void;
};

/**
 * Our node:http server: it owns the timeouts, JSON answers for client errors, the caller's address
 * and the API's cache rule, then hands each request to the fast path or to Next.js.
 */
export function createHindsightServer(opts: HindsightServerOptions): http.Server {
  const { settings } = opts;
  const trusted = parseTrustedProxies(settings.trustedProxies);
  const server = http.createServer({
    headersTimeout: settings.headersTimeoutMs,
    requestTimeout: settings.bodyTimeoutMs,
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    maxHeaderSize: settings.maxHeaderBytes,
    // How often Node looks for requests past their timeouts: often enough that the limits hold.
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(settings.headersTimeoutMs / 4))),
  });

  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
    if (err.code === "HPE_HEADER_OVERFLOW") return writeRawJsonError(socket, 431, "headers_too_large", `request headers exceed ${settings.maxHeaderBytes} bytes`);
    if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") return writeRawJsonError(socket, 408, "request_timeout", "the request (headers and body) did not arrive in time");
    writeRawJsonError(socket, 400, "bad_request", "the request could not be parsed as HTTP/1.1");
  });

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((e: unknown) => {
      opts.log(`request ${req.method} ${req.url?.split("?")[0]} failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendJsonError(res, 500, "internal_error", "the server failed to answer this request");
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const peer = req.socket.remoteAddress;
    const clientAddress = resolveClientAddress(peer, req.headers, trusted);
    rewriteForwardingHeaders(req.headers, clientAddress, peer !== undefined && trusted.has(peer));
    if (isApiPath(url)) {
      if (!hasValidPercentEncoding(url)) return sendJsonError(res, 400, "malformed_url", "the path or query holds malformed percent-encoding");
      guardApiResponse(res, () => opts.allowedMethods?.(url.split("?", 1)[0]) ?? null);
    }
    const ctx: FastRouteContext = { clientAddress, bootId: opts.bootId };
    for (const fast of opts.fastHandlers) {
      if (await fast(req, res, ctx)) return;
    }
    await opts.fallback(req, res);
  }

  return server;
}

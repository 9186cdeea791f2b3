import "server-only";
import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import { blockedAddressClass } from "./address-class";
import { BlockedAddressError, checkedLookup, isAllowListed, literalAddress } from "./webhook-target";

/** How a delivery attempt went: the receiver's status and an error class, never its body. */
export type PostOutcome = { status: number | null; error: WebhookErrorClass | null; ms: number };

export type WebhookErrorClass =
  | "blocked_address"
  | "dns_error"
  | "connection_refused"
  | "connection_reset"
  | "timeout"
  | "tls_error"
  | "redirect_refused"
  | "http_error"
  | "needs_new_secret"
  | "network_error";

/** The class of a failure, from the error node:http or the checks raised. */
export function errorClassOf(e: unknown): WebhookErrorClass {
  const code = String((e as { code?: string })?.code ?? "");
  if (e instanceof BlockedAddressError || code === "EHINDSIGHT_BLOCKED") return "blocked_address";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") return "dns_error";
  if (code === "ECONNREFUSED") return "connection_refused";
  if (code === "ECONNRESET" || code === "EPIPE" || code === "ECONNABORTED") return "connection_reset";
  if (code === "ETIMEDOUT" || code === "EHINDSIGHT_TIMEOUT") return "timeout";
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/.test(code)) return "tls_error";
  return "network_error";
}

/**
 * POSTs one delivery with node:http(s). Unless the host is allow-listed: an IP literal must be
 * public, a name is resolved by a lookup that refuses any non-public answer, and the socket's
 * remote address is checked once connected. Redirects are not followed; the answer's body is
 * never read.
 */
export function postWebhook(rawUrl: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostOutcome> {
  const t0 = performance.now();
  const done = (status: number | null, error: WebhookErrorClass | null): PostOutcome => ({ status, error, ms: Math.round(performance.now() - t0) });
  const url = new URL(rawUrl);
  const allowed = isAllowListed(url);
  const literal = literalAddress(url);
  if (!allowed && literal && blockedAddressClass(literal)) return Promise.resolve(done(null, "blocked_address"));
  return new Promise((resolve) => {
    const send = url.protocol === "https:" ? https.request : http.request;
    const req = send(url, {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      agent: false,
      lookup: allowed ? undefined : checkedLookup,
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("timed out"), { code: "EHINDSIGHT_TIMEOUT" })));
    req.on("socket", (socket: Socket) => {
      socket.once("connect", () => {
        const cls = allowed ? null : blockedAddressClass(socket.remoteAddress ?? "");
        if (cls) req.destroy(new BlockedAddressError(url.hostname, socket.remoteAddress ?? "", cls));
      });
    });
    req.on("response", (res) => {
      // Status only: the receiver's answer is discarded unread.
      res.destroy();
      const status = res.statusCode ?? null;
      const ok = status !== null && status >= 200 && status < 300;
      resolve(done(status, ok ? null : status !== null && status >= 300 && status < 400 ? "redirect_refused" : "http_error"));
    });
    req.on("error", (e) => resolve(done(null, errorClassOf(e))));
    req.end(body);
  });
}

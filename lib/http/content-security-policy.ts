import { isDevelopment } from "../env";
/** A fresh, unguessable nonce for one response's scripts (128 random bits, base64). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The page policy: scripts only with this response's nonce (and what they load, through
 * 'strict-dynamic'); no framing by any site. Styles allow inline attributes, which the charts
 * and graph set on every node, since styles cannot run code.
 */
export function contentSecurityPolicy(nonce: string, dev = isDevelopment()): string {
  return [
    "default-src 'self'",
    // React's development build evaluates source maps; production never needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

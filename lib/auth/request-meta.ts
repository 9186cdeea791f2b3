import { CLIENT_IP_HEADER } from "../server/client-address";

/** Where a request came from, for audit entries and per-address rate limits. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(h: HeaderSource, name: string): string | null {
  if (typeof (h as { get?: unknown }).get === "function") return (h as { get(n: string): string | null }).get(name);
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/**
 * The caller's address and user agent. The address is the one our HTTP server resolved from the
 * socket (and trusted proxies only): forwarding headers are never read here, since a client writes them.
 */
export function requestMeta(h: HeaderSource): RequestMeta {
  const ip = header(h, CLIENT_IP_HEADER);
  return { ip: ip ? ip.slice(0, 100) : null, userAgent: header(h, "user-agent")?.slice(0, 500) ?? null };
}

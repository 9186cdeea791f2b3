/** Where a request came from, for audit entries and per-address rate limits. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(h: HeaderSource, name: string): string | null {
  if (typeof (h as { get?: unknown }).get === "function") return (h as { get(n: string): string | null }).get(name);
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/**
 * The caller's address and user agent. Next.js sets x-forwarded-for from the socket when no proxy
 * did; behind a proxy the nearest hop (the last entry) is the one a client cannot forge.
 */
export function requestMeta(h: HeaderSource): RequestMeta {
  const forwarded = header(h, "x-forwarded-for");
  const hops = forwarded ? forwarded.split(",").map((s) => s.trim()).filter(Boolean) : [];
  const ip = hops.at(-1) ?? header(h, "x-real-ip");
  return { ip: ip ? ip.replace(/^::ffff:/, "").slice(0, 100) : null, userAgent: header(h, "user-agent")?.slice(0, 500) ?? null };
}

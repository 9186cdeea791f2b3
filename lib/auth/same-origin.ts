import { env } from "../env";
/**
 * Why a cookie-authenticated, state-changing request looks cross-site, or null when it comes
 * from this site. Browsers send Sec-Fetch-Site and Origin on such requests; a request with
 * neither is refused too, since the session cookie alone must not be enough to change things.
 */
export function crossSiteReason(headers: Headers, url: string): string | null {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site is ${site}`;
  const origin = headers.get("origin");
  if (!origin) return site ? null : "the request has no Origin header";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "the Origin header is not a URL";
  }
  const allowed = new Set<string>();
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (host) allowed.add(host.split(",")[0].trim());
  allowed.add(new URL(url).host);
  const own = env("NEXTAUTH_URL");
  if (own) allowed.add(new URL(own).host);
  return allowed.has(originHost) ? null : `Origin ${origin} is not this site`;
}

/** Methods that change nothing, which cross-site checks leave alone. */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

import { env } from "../env";
/** Pages anyone may open without signing in. */
export const PUBLIC_PAGES = ["/sign-in"] as const;

export function isPublicPage(pathname: string): boolean {
  return (PUBLIC_PAGES as readonly string[]).includes(pathname);
}

/**
 * Where to go after signing in: only a path on this site (`/streams?x=1`), never another origin
 * (`//evil.example`, `https://…`), so the sign-in page cannot be used as an open redirect.
 */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value) return "/";
  let candidate = value;
  try {
    // next-auth hands back absolute URLs of this site; keep their path.
    if (/^https?:\/\//i.test(value)) {
      const u = new URL(value);
      const configured = env("NEXTAUTH_URL");
      const own = configured ? new URL(configured).host : null;
      if (!own || u.host !== own) return "/";
      candidate = `${u.pathname}${u.search}`;
    }
  } catch {
    return "/";
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\") || isPublicPage(candidate.split("?")[0])) return "/";
  return candidate;
}

import { NextResponse, type NextRequest } from "next/server";
import { isPublicPage } from "@/lib/auth/public-paths";
import { contentSecurityPolicy, newNonce } from "@/lib/http/content-security-policy";
import { isKnownApiPath } from "@/lib/http/known-api-path";

/**
 * Only a convenience: visitors without a session cookie are sent to the sign-in page before any
 * rendering. It proves nothing about the cookie; pages, actions and API routes check the session
 * against the database themselves. It also tells the layout which page is rendering, gives every
 * page a fresh script nonce, and answers unknown API paths with JSON instead of a page.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    // Known routes answer 401/403 JSON themselves; an unknown one must not fall through to the sign-in page.
    if (isKnownApiPath(pathname)) return NextResponse.next();
    return NextResponse.json({ error: { code: "not_found", message: `there is no API at ${pathname}` } }, { status: 404 });
  }
  const signedIn = req.cookies.getAll().some((c) => /^(__Secure-)?next-auth\.session-token/.test(c.name));
  if (!signedIn && !isPublicPage(pathname)) {
    const url = req.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = pathname === "/" ? "" : `?${new URLSearchParams({ callbackUrl: `${pathname}${search}` })}`;
    return NextResponse.redirect(url);
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  // Overwritten on every request, so a client cannot choose what the layout believes.
  const headers = new Headers(req.headers);
  headers.set("x-hindsight-path", `${pathname}${search}`);
  // Next.js reads the nonce from the request's policy and puts it on every script it renders.
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  // Pages show personal data: no browser or proxy may keep a copy.
  res.headers.set("Cache-Control", "no-store");
  return res;
}

export const config = {
  // Static files need no session and carry no personal data.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};

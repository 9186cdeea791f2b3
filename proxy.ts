import { NextResponse, type NextRequest } from "next/server";
import { isPublicPage } from "@/lib/auth/public-paths";

/**
 * Only a convenience: visitors without a session cookie are sent to the sign-in page before any
 * rendering. It proves nothing about the cookie; pages, actions and API routes check the session
 * against the database themselves. It also tells the layout which page is rendering.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const signedIn = req.cookies.getAll().some((c) => /^(__Secure-)?next-auth\.session-token/.test(c.name));
  if (!signedIn && !isPublicPage(pathname)) {
    const url = req.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = pathname === "/" ? "" : `?${new URLSearchParams({ callbackUrl: `${pathname}${search}` })}`;
    return NextResponse.redirect(url);
  }
  // Overwritten on every request, so a client cannot choose what the layout believes.
  const headers = new Headers(req.headers);
  headers.set("x-hindsight-path", `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // API routes answer 401 JSON themselves; static files need no session.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};

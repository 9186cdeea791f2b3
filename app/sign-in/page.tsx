import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { oidcConfigured, oidcDisplayName } from "@/lib/auth/oidc";
import { safeCallbackPath } from "@/lib/auth/public-paths";
import { getOptionalViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Search = { callbackUrl?: string; error?: string; reason?: string };

/** Explanations for the errors next-auth sends back here, none of which says whether an account exists. */
const ERRORS: Record<string, string> = {
  CredentialsSignin: "The e-mail or password is not right.",
  RateLimited: "Too many failed sign-ins. Wait 15 minutes, then try again.",
  AccessDenied: "This account may not sign in to Hindsight. Ask an admin to add you.",
  OAuthSignin: "Single sign-on could not start. Try again, or ask an admin to check its settings.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  SessionRequired: "Sign in to continue.",
};

// Public page (lib/auth/public-paths.ts): no permission; signed-in visitors are sent on.
export default async function SignInPage(props: { searchParams: Promise<Search> }) {
  const search = await props.searchParams;
  const callbackPath = safeCallbackPath(search.callbackUrl);
  if (await getOptionalViewer()) redirect(callbackPath);
  const notice = search.reason === "expired" ? "Your session has ended. Sign in again to continue." : null;
  const error = search.error ? (ERRORS[search.error] ?? "Sign-in failed. Try again.") : null;
  return (
    <div className="auth-page">
      <main className="auth-card" aria-labelledby="sign-in-title">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">
            H
          </span>
          <span className="auth-brand-name">Hindsight</span>
        </div>
        <h1 id="sign-in-title" className="auth-title">
          Sign in
        </h1>
        <p className="auth-lead">The operations console for your event store. Personal data inside: every action is recorded.</p>
        <SignInForm
          callbackPath={callbackPath}
          initialError={error}
          notice={notice}
          oidc={oidcConfigured() ? { name: oidcDisplayName() } : null}
        />
      </main>
    </div>
  );
}

"use client";

import { signIn } from "next-auth/react";
import { useId, useRef, useState } from "react";

export type SignInFormProps = {
  /** A path on this site (already checked on the server). */
  callbackPath: string;
  initialError: string | null;
  notice: string | null;
  oidc: { name: string } | null;
};

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "The e-mail or password is not right.",
  RateLimited: "Too many failed sign-ins. Wait 15 minutes, then try again.",
};

/** E-mail and password through next-auth's credentials provider, and the company's SSO when configured. */
export function SignInForm({ callbackPath, initialError, notice, oidc }: SignInFormProps) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const passwordRef = useRef<HTMLInputElement>(null);

  // onSubmit rather than a form action: React would reset the form after an action, wiping the e-mail.
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
        callbackUrl: callbackPath,
      });
      if (res?.ok && !res.error) {
        // A full page load, so the layout renders the console with the new session.
        window.location.assign(callbackPath);
        return;
      }
      setError(MESSAGES[res?.error ?? ""] ?? "Sign-in failed. Try again.");
    } catch {
      setError("Hindsight could not be reached. Check your connection and try again.");
    }
    setBusy(false);
    // The disabled button dropped focus to the page body: put it back where the retry starts, the
    // password (described by the error), selected so typing replaces it.
    requestAnimationFrame(() => {
      passwordRef.current?.focus();
      passwordRef.current?.select();
    });
  }

  return (
    <>
      {notice && !error ? (
        <p className="auth-notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p className="auth-error" role="alert" id={errorId}>
          {error}
        </p>
      ) : null}
      <form onSubmit={submit} className="auth-form" aria-describedby={error ? errorId : undefined}>
        <div className="field">
          <label htmlFor="email">E-mail</label>
          <input id="email" name="email" type="email" className="input" autoComplete="username" required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            ref={passwordRef}
            id="password"
            name="password"
            type="password"
            className="input"
            autoComplete="current-password"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </div>
        <button type="submit" className="button button-primary auth-submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidc ? (
        <>
          <div className="auth-divider" role="separator">
            <span>or</span>
          </div>
          <button type="button" className="button auth-submit" onClick={() => void signIn("oidc", { callbackUrl: callbackPath })}>
            Continue with {oidc.name}
          </button>
        </>
      ) : null}
    </>
  );
}

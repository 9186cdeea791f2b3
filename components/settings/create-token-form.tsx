"use client";

import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { createTokenAction } from "@/lib/auth/token-actions";
import { SCOPES } from "@/lib/auth/permissions";
import { TOKEN_EXPIRY_CHOICES } from "@/lib/auth/token-expiry";
import { SCOPE_INFO } from "./scope-info";
import { FormFeedback } from "@/components/ui/form-feedback";
import { SubmitRow } from "@/components/ui/submit-row";

/** Name and scopes in; the token out, shown once with a copy button. */
export function CreateTokenForm() {
  const { state, pending, onSubmit, formRef } = useFormAction(createTokenAction);
  const [copied, setCopied] = useState(false);
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <>
      {state?.ok ? (
        <div className="token-reveal" role="status">
          <p>
            <strong>{state.message}.</strong> Copy it now: it is shown only once and cannot be recovered.
          </p>
          <div className="token-value">
            <code data-testid="new-token">{state.data.token}</code>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                void navigator.clipboard?.writeText(state.data.token).then(() => setCopied(true));
              }}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      ) : null}
      <FormFeedback state={state} success={null} fieldsSpeak />
      <form
        ref={formRef}
        onSubmit={(e) => {
          setCopied(false);
          onSubmit(e);
        }}
        noValidate
      >
        <div className="form-grid">
          <div className="field">
            <label htmlFor="token-name">Name</label>
            <input id="token-name" name="name" className="input" maxLength={100} required placeholder="e.g. billing-service"
              aria-invalid={fieldErrors.name ? true : undefined} aria-describedby={fieldErrors.name ? "token-name-error" : "token-name-hint"} />
            {fieldErrors.name ? (
              <span className="field-error" id="token-name-error">{fieldErrors.name}</span>
            ) : (
              <span className="field-hint" id="token-name-hint">Who or what will use it.</span>
            )}
          </div>
          <div className="field">
            <label htmlFor="token-expires">Expires after</label>
            <select id="token-expires" name="expires" className="input" defaultValue={TOKEN_EXPIRY_CHOICES[0].value} aria-invalid={fieldErrors.expires ? true : undefined}>
              {TOKEN_EXPIRY_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
            {fieldErrors.expires ? <span className="field-error">{fieldErrors.expires}</span> : <span className="field-hint">An expired token gets 401 token_expired.</span>}
          </div>
          <fieldset className="scopes" aria-describedby={fieldErrors.scopes ? "token-scopes-error" : undefined}>
            <legend>Scopes</legend>
            <div className="scope-list">
              {SCOPES.map((scope) => (
                <label key={scope} className="scope-option" title={SCOPE_INFO[scope]}>
                  <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "events:read"} />
                  <code>{scope}</code>
                </label>
              ))}
            </div>
            {fieldErrors.scopes ? <span className="field-error" id="token-scopes-error">{fieldErrors.scopes}</span> : null}
          </fieldset>
        </div>
        <SubmitRow pending={pending} label="Create token" busyLabel="Creating…" />
      </form>
    </>
  );
}

"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { createUserAction } from "@/lib/auth/user-actions";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { FormFeedback } from "@/components/ui/form-feedback";
import { SubmitRow } from "@/components/ui/submit-row";

/** Adds a person: e-mail, name, role and an initial password they should change. */
export function CreateUserForm({ minPassword, ssoAvailable }: { minPassword: number; ssoAvailable: boolean }) {
  const { state, pending, onSubmit, formRef } = useFormAction(createUserAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const field = (name: string) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `user-${name}-error` : undefined,
  });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <FormFeedback state={state} success={state?.ok ? `${state.message}.` : undefined} fieldsSpeak />
      <div className="form-grid">
        <div className="field">
          <label htmlFor="user-email">E-mail</label>
          <input id="user-email" name="email" type="email" className="input" autoComplete="off" required {...field("email")} />
          {errors.email ? <span className="field-error" id="user-email-error">{errors.email}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="user-name">Name</label>
          <input id="user-name" name="name" className="input" autoComplete="off" required maxLength={120} {...field("name")} />
          {errors.name ? <span className="field-error" id="user-name-error">{errors.name}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select id="user-role" name="role" className="input" defaultValue="viewer" {...field("role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          {errors.role ? <span className="field-error" id="user-role-error">{errors.role}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="user-password">Initial password</label>
          <input id="user-password" name="password" type="password" className="input" autoComplete="new-password" {...field("password")} />
          {errors.password ? (
            <span className="field-error" id="user-password-error">{errors.password}</span>
          ) : (
            <span className="field-hint">
              At least {minPassword} characters{ssoAvailable ? "; leave empty for single sign-on only" : ""}.
            </span>
          )}
        </div>
      </div>
      <SubmitRow pending={pending} label="Add user" busyLabel="Adding…" />
    </form>
  );
}

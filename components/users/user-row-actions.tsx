"use client";

import { useActionState } from "react";
import { changeRoleAction, setUserStatusAction } from "@/lib/auth/user-actions";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { FormFeedback } from "@/components/ui/form-feedback";

type Props = { userId: string; email: string; role: Role; status: "active" | "disabled"; isSelf: boolean };

/** The role picker of one user row: applies from the user's next request. */
export function RoleForm({ userId, email, role }: Props) {
  const [state, action, pending] = useActionState(changeRoleAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <label className="visually-hidden" htmlFor={`role-${userId}`}>
        Role of {email}
      </label>
      <select id={`role-${userId}`} name="role" defaultValue={role} className="input" key={role}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small" disabled={pending} aria-label={`Save role of ${email}`}>
        {pending ? "Saving…" : "Save"}
      </button>
      <FormFeedback state={state} success={null} inline />
    </form>
  );
}

/** Disable (sessions and tokens stop at once) or enable one user. */
export function StatusForm({ userId, email, status, isSelf }: Props) {
  const [state, action, pending] = useActionState(setUserStatusAction, null);
  const next = status === "active" ? "disabled" : "active";
  return (
    <form
      action={action}
      className="inline-form"
      onSubmit={(e) => {
        if (next === "disabled" && !window.confirm(`Disable ${email}? Their sessions and API tokens stop working at once.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="status" value={next} />
      <button
        type="submit"
        className={`button button-small${next === "disabled" ? " button-danger" : ""}`}
        disabled={pending || isSelf}
        title={isSelf ? "You cannot disable yourself" : undefined}
        aria-label={`${next === "disabled" ? "Disable" : "Enable"} ${email}`}
      >
        {next === "disabled" ? "Disable" : "Enable"}
      </button>
      <FormFeedback state={state} success={null} inline />
    </form>
  );
}

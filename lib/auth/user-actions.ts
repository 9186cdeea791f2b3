"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "../errors";
import { actionResult, formObject, type ActionResult } from "../http/action-result";
import { createUser } from "./create-user";
import { oidcConfigured } from "./oidc";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./passwords";
import { ROLES } from "./permissions";
import { requirePermission } from "./require-permission";
import { changeUserRole, setUserStatus } from "./update-user";

const createUserSchema = z.object({
  email: z.email("Enter an e-mail address").max(320),
  name: z.string().trim().min(1, "Enter a name").max(120),
  role: z.enum(ROLES, { error: "Choose a role" }),
  password: z
    .string()
    .max(MAX_PASSWORD_LENGTH, `At most ${MAX_PASSWORD_LENGTH} characters`)
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || v.length >= MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`),
});

/** Users: adds a person with a role and an initial password (or none, to sign in through SSO only). */
export async function createUserAction(_prev: unknown, form: FormData): Promise<ActionResult<{ email: string }>> {
  return actionResult(async () => {
    const admin = await requirePermission("users.manage");
    const input = createUserSchema.parse(formObject(form));
    if (input.password === null && !oidcConfigured()) {
      throw new z.ZodError([{ code: "custom", path: ["password"], message: `Set an initial password (at least ${MIN_PASSWORD_LENGTH} characters)`, input: "" }]);
    }
    const user = await createUser({ ...input, actor: admin.actor });
    revalidatePath("/settings/users");
    return { data: { email: user.email }, message: `${user.email} can now sign in as ${user.role}` };
  });
}

const changeRoleSchema = z.object({ userId: z.uuid("Unknown user"), role: z.enum(ROLES, { error: "Choose a role" }) });

/** Users: gives someone another role; it applies from their next request. */
export async function changeRoleAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const admin = await requirePermission("users.manage");
    const input = changeRoleSchema.parse(formObject(form));
    const user = await changeUserRole({ ...input, actor: admin.actor });
    revalidatePath("/settings/users");
    return { data: undefined, message: `${user.email} is now ${user.role}` };
  });
}

const setStatusSchema = z.object({ userId: z.uuid("Unknown user"), status: z.enum(["active", "disabled"]) });

/** Users: disables someone (their sessions and tokens stop at once) or enables them again. */
export async function setUserStatusAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const admin = await requirePermission("users.manage");
    const input = setStatusSchema.parse(formObject(form));
    if (input.userId === admin.id && input.status === "disabled") throw new AppError("conflict", "you cannot disable yourself");
    const user = await setUserStatus({ ...input, actor: admin.actor });
    revalidatePath("/settings/users");
    return { data: undefined, message: `${user.email} is ${user.status === "active" ? "enabled" : "disabled"}` };
  });
}

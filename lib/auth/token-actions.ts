"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionResult, formObject, type ActionResult } from "../http/action-result";
import { createApiToken, revokeApiToken } from "./api-tokens";
import { SCOPES, type TokenScope } from "./permissions";
import { requirePermission } from "./require-permission";
import { parseTokenExpiry, TOKEN_EXPIRY_CHOICES } from "./token-expiry";

const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(100, "At most 100 characters"),
  scopes: z
    .union([z.string(), z.array(z.string())], { error: "Choose at least one scope" })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(SCOPES as [TokenScope, ...TokenScope[]], { error: "Unknown scope" })).min(1, "Choose at least one scope")),
  expires: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTokenExpiry(v ?? TOKEN_EXPIRY_CHOICES[0].value);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
});

/** Settings → API tokens: creates a token for the signed-in admin; the clear token is returned once. */
export async function createTokenAction(_prev: unknown, form: FormData): Promise<ActionResult<{ token: string; name: string }>> {
  return actionResult(async () => {
    const admin = await requirePermission("tokens.manage");
    const input = createTokenSchema.parse(formObject(form));
    const { token, info } = await createApiToken({ name: input.name, scopes: input.scopes, ownerId: admin.id, expiresInSeconds: input.expires, actor: admin.actor });
    revalidatePath("/settings");
    return { data: { token, name: info.name }, message: `Token “${info.name}” created` };
  });
}

const revokeTokenSchema = z.object({ tokenId: z.uuid("Unknown token") });

/** Settings → API tokens: revokes a token; calls carrying it get 401 from the next request on. */
export async function revokeTokenAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const admin = await requirePermission("tokens.manage");
    const { tokenId } = revokeTokenSchema.parse(formObject(form));
    await revokeApiToken({ tokenId, actor: admin.actor });
    revalidatePath("/settings");
    return { data: undefined, message: "Token revoked" };
  });
}

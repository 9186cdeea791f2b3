"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "../auth/require-permission";
import { actionResult, formObject, type ActionResult } from "../http/action-result";
import { assertStreamId } from "../store/stream-id";
import { updateGuards, type CategoryGuards } from "./guards";

const MAX_INT = 2 ** 31 - 1;

const updateGuardsSchema = z.object({
  category: z
    .string()
    .trim()
    .min(1, "Name a category")
    .max(200, "At most 200 characters")
    .refine((c) => !c.includes("-"), "A category is the text before the first '-' of a stream id")
    .refine((c) => {
      try {
        assertStreamId(c);
        return true;
      } catch {
        return false;
      }
    }, "No whitespace or control characters"),
  maxDepth: z.coerce.number({ error: "A whole number" }).int("A whole number").min(1, "At least 1").max(MAX_INT - 1, "Too large"),
  maxPerHour: z.coerce.number({ error: "A whole number" }).int("A whole number").min(1, "At least 1").max(MAX_INT, "Too large"),
});

/** Causation → Guards: sets a category's causation-depth and events-per-correlation-per-hour limits (audited). */
export async function updateGuardsAction(_prev: unknown, form: FormData): Promise<ActionResult<CategoryGuards>> {
  return actionResult(async () => {
    const user = await requirePermission("guards.manage");
    const input = updateGuardsSchema.parse(formObject(form));
    const guards = await updateGuards({ ...input, actor: user.actor });
    revalidatePath("/causation/guards");
    return { data: guards, message: `Guards of ${guards.category} saved: depth ${guards.maxDepth}, ${guards.maxPerHour} events per correlation per hour` };
  });
}

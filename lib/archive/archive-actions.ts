"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "../auth/require-permission";
import { categoryProblem } from "../store/category-name";
import { actionResult, formObject, type ActionResult } from "../http/action-result";
import { auditRunNow, deleteArchivePolicy, saveArchivePolicy } from "./archive-policies";
import { runArchivePolicy, type RunArchivePolicyResult } from "./run-archive-policy";

const category = z.string().trim().min(1, "Name a category").max(200, "At most 200 characters").regex(/^[^\s-]+$/, "A category has no spaces or dashes")
  .refine((c) => categoryProblem(c) === null, "`.` and `..` are not categories");

const savePolicySchema = z.object({
  category,
  olderThanDays: z.coerce.number({ error: "A number of days" }).int("Whole days").min(0, "0 or more days").max(36500, "At most 36 500 days"),
  historyOnly: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  enabled: z.preprocess((v) => v === undefined || v === "on" || v === "true", z.boolean()),
});

/** Archive → policies: creates or changes a category's policy (archive.manage, audited). */
export async function saveArchivePolicyAction(_prev: unknown, form: FormData): Promise<ActionResult<{ created: boolean }>> {
  return actionResult(async () => {
    const user = await requirePermission("archive.manage");
    const input = savePolicySchema.parse(formObject(form));
    const { created } = await saveArchivePolicy({ ...input, actor: user.actor });
    revalidatePath("/archive");
    return { data: { created }, message: `Policy for ${input.category} ${created ? "created" : "saved"}` };
  });
}

const categorySchema = z.object({ category });

/** Archive → policies: deletes a policy; archived events stay archived (archive.manage, audited). */
export async function deleteArchivePolicyAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("archive.manage");
    const input = categorySchema.parse(formObject(form));
    await deleteArchivePolicy({ ...input, actor: user.actor });
    revalidatePath("/archive");
    return { data: undefined, message: `Policy for ${input.category} deleted` };
  });
}

/** Archive → "Run now": runs the policy at once in this request (archive.manage, audited). */
export async function runArchivePolicyNowAction(_prev: unknown, form: FormData): Promise<ActionResult<RunArchivePolicyResult>> {
  return actionResult(async () => {
    const user = await requirePermission("archive.manage");
    const input = categorySchema.parse(formObject(form));
    const result = await runArchivePolicy({ category: input.category, trigger: "manual" });
    await auditRunNow({ category: input.category, actor: user.actor, runId: result.runId, status: result.status, events: result.events });
    revalidatePath("/archive");
    revalidatePath("/growth");
    const message =
      result.status === "succeeded" ? `Archived ${result.events} event(s) in ${result.segments} segment(s)` : result.status === "skipped" ? "Another run of this policy is in progress" : `The run failed: ${result.error}`;
    return { data: result, message };
  });
}

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "../auth/require-permission";
import { actionResult, formObject, type ActionResult } from "../http/action-result";
import { enqueueErasureJob, ERASURE_EXECUTE_QUEUE, ERASURE_VERIFY_QUEUE } from "../jobs/erasure-queues";
import { approveErasure, rejectErasure } from "./approve-erasure";
import { createErasureRequest } from "./create-erasure-request";
import { extendDeadline } from "./extend-deadline";
import { retryVerification } from "./retry-verification";
import { createLegalHold, HOLD_SCOPES, releaseLegalHold, type HoldScope } from "./legal-holds";

const subjectId = z.string().trim().regex(/^[^\s:]{1,200}$/, "1–200 characters, no spaces or colons");
const reason = z.string().trim().min(3, "Say why (at least 3 characters)").max(2000, "At most 2000 characters");
const requestId = z.uuid("Unknown request");

const createSchema = z.object({
  subjectId,
  reason,
  knownValues: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(/\r?\n/).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(3, "Each known value needs at least 3 characters").max(500)).max(20, "At most 20 known values")),
});

/** Compliance → new erasure request: records it (due in 30 days) and runs discovery. */
export async function createErasureRequestAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string; status: string }>> {
  return actionResult(async () => {
    const user = await requirePermission("erasure.request");
    const input = createSchema.parse(formObject(form));
    const r = await createErasureRequest({ ...input, actor: user.actor });
    revalidatePath("/compliance");
    return { data: { id: r.id, status: r.status }, message: `Request for ${r.subjectId} recorded: ${r.status === "blocked_by_hold" ? "blocked by a legal hold" : "awaiting a second approval"}` };
  });
}

/** The second approval (never one's own request): approves and queues the execution job. */
export async function approveErasureAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string; queued: boolean }>> {
  return actionResult(async () => {
    const user = await requirePermission("erasure.approve");
    const { requestId: id } = z.object({ requestId }).parse(formObject(form));
    await approveErasure({ requestId: id, actor: user.actor });
    const queued = await enqueueErasureJob(ERASURE_EXECUTE_QUEUE, id);
    revalidatePath("/compliance");
    revalidatePath(`/compliance/requests/${id}`);
    return { data: { id, queued }, message: queued ? "Approved: execution queued" : "Approved: the erasure sweep will queue execution within a minute" };
  });
}

/** Runs a failed verification again (its source is back): failed → verifying, audited, and queues the proof. */
export async function retryVerificationAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string; queued: boolean }>> {
  return actionResult(async () => {
    const user = await requirePermission("erasure.approve");
    const { requestId: id } = z.object({ requestId }).parse(formObject(form));
    await retryVerification({ requestId: id, actor: user.actor });
    const queued = await enqueueErasureJob(ERASURE_VERIFY_QUEUE, id);
    revalidatePath("/compliance");
    revalidatePath(`/compliance/requests/${id}`);
    return { data: { id, queued }, message: queued ? "Verification queued again" : "The erasure sweep will queue the verification within a few minutes" };
  });
}

/** Rejects an open request with a reason. */
export async function rejectErasureAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => {
    const user = await requirePermission("erasure.approve");
    const input = z.object({ requestId, reason }).parse(formObject(form));
    await rejectErasure({ requestId: input.requestId, reason: input.reason, actor: user.actor });
    revalidatePath("/compliance");
    revalidatePath(`/compliance/requests/${input.requestId}`);
    return { data: { id: input.requestId }, message: "Request rejected" };
  });
}

/** Extends an open request's deadline, with the reason recorded. */
export async function extendDeadlineAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string; dueAt: string }>> {
  return actionResult(async () => {
    const user = await requirePermission("erasure.request");
    const input = z.object({ requestId, days: z.coerce.number().int("Whole days").min(1, "At least 1 day").max(60, "At most 60 days"), reason }).parse(formObject(form));
    const r = await extendDeadline({ ...input, actor: user.actor });
    revalidatePath("/compliance");
    revalidatePath(`/compliance/requests/${r.id}`);
    return { data: { id: r.id, dueAt: r.dueAt }, message: `Deadline moved by ${input.days} day(s)` };
  });
}

const holdSchema = z.object({
  scope: z.enum(HOLD_SCOPES as [HoldScope, ...HoldScope[]], { error: "Choose subject, stream or category" }),
  target: z.string().trim().min(1, "Name what is held").max(200, "At most 200 characters"),
  reason,
  expiresAt: z
    .string()
    .optional()
    .transform((v) => (v ? v.trim() : ""))
    .refine((v) => v === "" || !Number.isNaN(Date.parse(v)), "Not a date")
    .transform((v) => (v ? new Date(v).toISOString() : null)),
});

/** Places a legal hold on a subject, stream or category. */
export async function createLegalHoldAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => {
    const user = await requirePermission("holds.manage");
    const input = holdSchema.parse(formObject(form));
    const hold = await createLegalHold({ ...input, actor: user.actor });
    revalidatePath("/compliance");
    return { data: { id: hold.id }, message: `Hold placed on ${hold.scope} ${hold.target}` };
  });
}

/** Releases a standing hold; requests it blocked go on to approval. */
export async function releaseLegalHoldAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => {
    const user = await requirePermission("holds.manage");
    const input = z.object({ holdId: z.uuid("Unknown hold"), reason }).parse(formObject(form));
    const hold = await releaseLegalHold({ ...input, actor: user.actor });
    revalidatePath("/compliance");
    return { data: { id: hold.id }, message: `Hold on ${hold.scope} ${hold.target} released` };
  });
}

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "../auth/require-permission";
import { actionResult, formObject, type ActionResult } from "../http/action-result";
import { controlRebuild } from "./control-rebuild";
import { discardVersion } from "./discard-version";
import { resolveParked } from "./resolve-parked";
import { startDrill } from "./start-drill";
import { startRebuild } from "./start-rebuild";
import { promoteVersion, rollbackVersion } from "./switch-live-version";

// Every mutation of the Projections pages. Each checks projections.rebuild on the server; the
// services write their audit entry in the same transaction as the change.

const name = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "Unknown projection");
const versionId = z.coerce.number().int().positive("Unknown version");
const count = z.coerce.number().int().nonnegative();

const done = (path: string, message: string) => {
  revalidatePath("/projections");
  revalidatePath(path);
  return { data: undefined, message };
};

/** Rebuild wizard → Start: a new version (green) beside the live one, replayed in partitions. */
export async function startRebuildAction(_prev: unknown, form: FormData): Promise<ActionResult<{ versionId: number }>> {
  return actionResult(async () => {
    const user = await requirePermission("projections.rebuild");
    const input = z.object({ name, codeVersion: z.coerce.number().int().positive(), partitions: z.coerce.number().int().min(1).max(16) }).parse(formObject(form));
    const started = await startRebuild({ ...input, actor: user.actor });
    revalidatePath(`/projections/${input.name}`);
    return { data: { versionId: started.versionId }, message: `Rebuild of v${input.codeVersion} started: ${started.events} events in ${started.partitions} partition(s)` };
  });
}

/** Pause, resume or cancel a rebuild that is replaying. */
export async function controlRebuildAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("projections.rebuild");
    const input = z.object({ name, versionId, op: z.enum(["pause", "resume", "cancel"]) }).parse(formObject(form));
    await controlRebuild({ ...input, actor: user.actor });
    return done(`/projections/${input.name}`, `Rebuild ${input.op === "pause" ? "paused" : input.op === "resume" ? "resumed" : "cancelled"}`);
  });
}

/** Promote green after confirming its diff (the counts confirmed travel with the request and are checked again). */
export async function promoteVersionAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("projections.rebuild");
    const input = z.object({ name, versionId, added: count, removed: count, changed: count }).parse(formObject(form));
    await promoteVersion({ name: input.name, versionId: input.versionId, actor: user.actor, confirmedDiff: { added: input.added, removed: input.removed, changed: input.changed } });
    return done(`/projections/${input.name}`, `Version #${input.versionId} is live`);
  });
}

/** Roll back to the previous version (it kept following the log, so it is current). */
export async function rollbackVersionAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("projections.rebuild");
    const input = z.object({ name }).parse(formObject(form));
    const { versionId: back } = await rollbackVersion({ name: input.name, actor: user.actor });
    return done(`/projections/${input.name}`, `Rolled back: version #${back} is live again`);
  });
}

/** Discard a version that is not live: its rows partition is dropped. */
export async function discardVersionAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("projections.rebuild");
    const input = z.object({ name, versionId }).parse(formObject(form));
    await discardVersion({ ...input, actor: user.actor });
    return done(`/projections/${input.name}`, `Version #${input.versionId} discarded`);
  });
}

/** A parked version: retry the failed event (after a fix) or skip it. */
export async function resolveParkedAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("projections.rebuild");
    const input = z.object({ name, versionId, op: z.enum(["retry", "skip"]) }).parse(formObject(form));
    await resolveParked({ ...input, actor: user.actor });
    return done(`/projections/${input.name}`, input.op === "retry" ? "Retrying the event" : "Event skipped");
  });
}

/** Start a recovery drill: a timed rebuild into a scratch version, discarded when it has caught up. */
export async function startDrillAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("projections.rebuild");
    const input = z.object({ name, partitions: z.coerce.number().int().min(1).max(16) }).parse(formObject(form));
    const started = await startDrill({ ...input, actor: user.actor });
    return done(`/projections/${input.name}`, `Drill started: ${started.events} events in ${started.partitions} partition(s)`);
  });
}

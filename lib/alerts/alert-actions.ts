"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "../auth/require-permission";
import { actionResult, formObject, type ActionResult } from "../http/action-result";
import { acknowledgeAlert } from "./acknowledge-alert";
import { createAlertRule, deleteAlertRule, setAlertRuleEnabled, SEVERITIES, updateAlertRule } from "./manage-rules";
import { createSilence, expireSilence } from "./manage-silences";
import { createWebhook, deleteWebhook, rotateWebhookSecret, sendTestWebhook } from "./manage-webhooks";
import { findRuleKind } from "./rule-kinds";

// The Alerts page's writes. Each checks alerts.manage on the server, validates, and calls a
// service that writes its audit entry in the same transaction as the change.

const ruleFields = {
  name: z.string().trim().min(1, "Give the rule a name").max(200, "At most 200 characters"),
  severity: z.enum(SEVERITIES, { error: "Choose a severity" }),
};
const createRuleSchema = z.object({ ...ruleFields, kind: z.string().min(1, "Choose a kind") });
const updateRuleSchema = z.object({ ...ruleFields, id: z.uuid("Unknown rule") });
const idSchema = z.object({ id: z.uuid("Unknown item") });

/** The form's `params.<field>` inputs as the kind's parameters: empty means "use the default", numbers as numbers. */
function paramsFrom(kindName: string, input: Record<string, unknown>): Record<string, unknown> {
  const kind = findRuleKind(kindName);
  const params: Record<string, unknown> = {};
  for (const field of kind?.fields ?? []) {
    const raw = input[`params.${field.name}`];
    if (typeof raw !== "string" || raw.trim() === "") continue;
    params[field.name] = field.type === "number" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return params;
}

/** Alerts → Rules → "Create rule". */
export async function createAlertRuleAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => {
    const user = await requirePermission("alerts.manage");
    const input = formObject(form);
    const { name, kind, severity } = createRuleSchema.parse(input);
    const created = await createAlertRule({ name, kind, severity, params: paramsFrom(kind, input), actor: user.actor });
    revalidatePath("/alerts");
    return { data: created, message: `Rule “${name}” created; it is evaluated within the next interval` };
  });
}

/** Alerts → Rules → "Edit". */
export async function updateAlertRuleAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => {
    const user = await requirePermission("alerts.manage");
    const input = formObject(form);
    const { id, name, severity } = updateRuleSchema.parse(input);
    await updateAlertRule({ id, name, severity, params: paramsFrom(String(input.kind ?? ""), input), actor: user.actor });
    revalidatePath("/alerts");
    return { data: { id }, message: `Rule “${name}” saved` };
  });
}

/** Alerts → Rules → "Enable" / "Disable". */
export async function setAlertRuleEnabledAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("alerts.manage");
    const { id, enabled } = idSchema.extend({ enabled: z.enum(["true", "false"]) }).parse(formObject(form));
    await setAlertRuleEnabled({ id, enabled: enabled === "true", actor: user.actor });
    revalidatePath("/alerts");
    return { data: undefined, message: enabled === "true" ? "Rule enabled" : "Rule disabled; its firing alerts were closed" };
  });
}

/** Alerts → Rules → "Delete". */
export async function deleteAlertRuleAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("alerts.manage");
    const { id } = idSchema.parse(formObject(form));
    await deleteAlertRule({ id, actor: user.actor });
    revalidatePath("/alerts");
    return { data: undefined, message: "Rule deleted" };
  });
}

const ackSchema = z.object({
  alertId: z.coerce.number().int().positive("Unknown alert"),
  comment: z.string().trim().min(1, "Say what is being done about it").max(1000, "At most 1000 characters"),
});

/** Alerts → a firing alert → "Acknowledge" with a comment. */
export async function acknowledgeAlertAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("alerts.manage");
    const { alertId, comment } = ackSchema.parse(formObject(form));
    await acknowledgeAlert({ alertId, comment, actor: user.actor });
    revalidatePath("/alerts");
    return { data: undefined, message: "Acknowledged" };
  });
}

const silenceSchema = z
  .object({
    target: z.enum(["rule", "category"]),
    ruleId: z.string().optional(),
    category: z.string().trim().max(200).optional(),
    reason: z.string().trim().min(1, "Say why (it is shown next to the muted alerts)").max(500),
    minutes: z.coerce.number().int().min(1, "At least a minute").max(60 * 24 * 30, "At most 30 days"),
  })
  .refine((s) => s.target !== "rule" || z.uuid().safeParse(s.ruleId).success, { message: "Choose a rule", path: ["ruleId"] })
  .refine((s) => s.target !== "category" || !!s.category, { message: "Name the category", path: ["category"] });

/** Alerts → Silences → "Silence": mutes a rule or a category until now + the chosen duration. */
export async function createSilenceAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string; endsAt: string }>> {
  return actionResult(async () => {
    const user = await requirePermission("alerts.manage");
    const s = silenceSchema.parse(formObject(form));
    const endsAt = new Date(Date.now() + s.minutes * 60_000);
    const { id } = await createSilence({
      ruleId: s.target === "rule" ? s.ruleId : undefined,
      category: s.target === "category" ? s.category : undefined,
      reason: s.reason,
      endsAt,
      actor: user.actor,
    });
    revalidatePath("/alerts");
    return { data: { id, endsAt: endsAt.toISOString() }, message: "Silenced" };
  });
}

/** Alerts → Silences → "End now". */
export async function expireSilenceAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("alerts.manage");
    const { id } = idSchema.parse(formObject(form));
    await expireSilence({ id, actor: user.actor });
    revalidatePath("/alerts");
    return { data: undefined, message: "Silence ended" };
  });
}

const secretField = z
  .string()
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.string().min(16, "At least 16 characters (or leave empty to generate one)").max(200, "At most 200 characters").optional());

const webhookSchema = z.object({
  name: z.string().trim().min(1, "Give the endpoint a name").max(100),
  url: z
    .url({ protocol: /^https?$/, error: "An http:// or https:// address" })
    .max(2000),
  secret: secretField,
});

/** Alerts → Webhooks → "Add endpoint": the URL is checked; a generated signing secret is returned once. */
export async function createWebhookAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string; secret: string | null }>> {
  return actionResult(async () => {
    const user = await requirePermission("alerts.manage");
    const input = webhookSchema.parse(formObject(form));
    const created = await createWebhook({ ...input, actor: user.actor });
    revalidatePath("/alerts");
    return { data: created, message: `Endpoint “${input.name}” added` };
  });
}

/** Alerts → Webhooks → "New secret": seals a new signing secret (entered, or generated and shown once); audited. */
export async function rotateWebhookSecretAction(_prev: unknown, form: FormData): Promise<ActionResult<{ secret: string | null }>> {
  return actionResult(async () => {
    const user = await requirePermission("alerts.manage");
    const input = z.object({ id: z.uuid("Unknown endpoint"), secret: secretField }).parse(formObject(form));
    const result = await rotateWebhookSecret({ ...input, actor: user.actor });
    revalidatePath("/alerts");
    return { data: result, message: result.secret ? `New secret (shown once): ${result.secret}` : "New secret saved" };
  });
}

/** Alerts → Webhooks → "Remove". */
export async function deleteWebhookAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const user = await requirePermission("alerts.manage");
    const { id } = idSchema.parse(formObject(form));
    await deleteWebhook({ id, actor: user.actor });
    revalidatePath("/alerts");
    return { data: undefined, message: "Endpoint removed" };
  });
}

/** Alerts → Webhooks → "Send test": one signed delivery now; the answer says how the receiver replied. */
export async function testWebhookAction(_prev: unknown, form: FormData): Promise<ActionResult<{ status: string; responseCode: number | null }>> {
  return actionResult(async () => {
    const user = await requirePermission("alerts.manage");
    const { id } = idSchema.parse(formObject(form));
    const result = await sendTestWebhook({ id, actor: user.actor });
    revalidatePath("/alerts");
    const message =
      result.status === "delivered"
        ? `Delivered (HTTP ${result.responseCode})`
        : `Not delivered (${result.responseCode ? `HTTP ${result.responseCode}, ` : ""}${result.error ?? "no answer"}); it will be retried with backoff`;
    return { data: { status: result.status, responseCode: result.responseCode }, message };
  });
}

import "server-only";
import { getPool } from "../db";
import { runSql, typedSql } from "../sql/typed-sql";
import { AppError, type ErrorCode } from "../errors";
import { isUuid, uuidv7 } from "../ids";
import { canonicalJson, isPlainObject, unstorableJson } from "../json";
import { keyedHash } from "../schema/master-key";
import { piiOf, sealFields } from "../schema/pii";
import { primeDataSchemas } from "../schema/data-schemas";
import { schemaRegistry, type JsonObject } from "../schema/registry";
import { forgetCachedKeys, getSubjectKeys } from "../schema/subject-keys";
import { countRefusal } from "./count-refusal";
import { notifyAppended } from "./notify-appended";
import { assertCategory } from "./category-name";
import { assertStreamId, BIDI_CONTROLS, categoryOf, streamHash } from "./stream-id";

export type ExpectedVersion = number | "any" | "no_stream" | "exists";

export type NewEvent = {
  type: string;
  schemaVersion?: number;
  data: JsonObject;
  metadata?: JsonObject;
  eventId?: string;
  correlationId?: string;
  causationId?: string;
};

export type AppendOptions = {
  streamId: string;
  events: NewEvent[];
  expectedVersion?: ExpectedVersion;
  idempotencyKey?: string;
  /** Seeding only: backdated times, one per event (still never earlier than the stream's last event). */
  recordedAt?: string[];
};

export type AppendResult = {
  streamId: string;
  fromVersion: number;
  toVersion: number;
  events: { eventId: string; streamVersion: number; globalPosition: number }[];
  duplicate?: true;
};

export const MAX_EVENTS_PER_APPEND = 1000;
/** Stream versions and causation depths are PostgreSQL integers. */
export const MAX_VERSION = 2 ** 31 - 1;
const MAX_IDEMPOTENCY_KEY = 200;

type Prepared = Record<string, unknown> & { eventId: string };

/**
 * Appends events to a stream in one transaction and, where possible, one round trip:
 * idempotency, optimistic concurrency, subject-key check, both causation guards, the insert and
 * the stream row all happen inside hs_append(). PII fields are sealed before they leave the process.
 */
export async function appendToStream(opts: AppendOptions): Promise<AppendResult> {
  const payload = await buildAppendPayload(opts);
  const json = JSON.stringify(payload);
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await runSql(getPool(), appendSql, [json]);
      const result = toAppendResult(rows[0].r, payload);
      if (result.duplicate) countRefusal(payload.category, "idempotent_replay");
      else notifyAppended();
      return result;
    } catch (e) {
      // hs_append refuses a transaction whose xid is older than the stream's last event (it would
      // sort before it in the log); the statement is its own transaction, so a retry gets a new xid.
      if ((e as { code?: string }).code === SERIALIZATION_FAILURE && attempt < MAX_ORDER_RETRIES) continue;
      throw await translateAppendError(e, payload.category);
    }
  }
}

const SERIALIZATION_FAILURE = "40001";
const MAX_ORDER_RETRIES = 10;

/** The statement that performs an append, given the payload from buildAppendPayload(); its answer goes through toAppendResult(). */
export const appendSql = typedSql("store.append", "SELECT hs_append($1::jsonb) AS r", { notNull: ["r"], json: { r: "RawAppendResult" }, prepared: true });
export const APPEND_SQL = appendSql.text;

/** What hs_append() answers: the positions written (in version order), or a stored response for a replay. */
export type RawAppendResult = (Omit<AppendResult, "events"> & { positions: number[] }) | AppendResult;

/** The full response: hs_append() returns only positions, since the caller knows the ids and versions. */
export function toAppendResult(raw: RawAppendResult, payload: AppendPayload): AppendResult {
  if (!("positions" in raw)) return raw;
  const { positions, ...rest } = raw;
  return {
    ...rest,
    events: positions.map((globalPosition, i) => ({ eventId: payload.events[i].eventId, streamVersion: raw.fromVersion + i, globalPosition })),
  };
}

/** What hs_append() takes: the validated events with PII sealed, plus the checks to run. */
export type AppendPayload = {
  streamId: string;
  category: string;
  streamHash: number;
  expected: ExpectedVersion;
  idempotencyKey?: string;
  requestHash?: string;
  keys: { subjectId: string; keyId: string }[];
  /** Whether any event carries causation/correlation ids: hs_append skips those guards' work otherwise. */
  hasCausation: boolean;
  hasCorrelation: boolean;
  /**
   * Whether the caller chose any event id: only those can meet an archived id (ours are fresh
   * UUIDv7s), so hs_append checks archived_event_ids only then.
   */
  hasClientIds: boolean;
  events: Prepared[];
};

/**
 * Validates an append and seals its PII into the payload hs_append() takes. Exported so that an
 * append can also run inside a caller's own transaction (the gap-safe read tests do).
 */
export async function buildAppendPayload(opts: AppendOptions): Promise<AppendPayload> {
  assertStreamId(opts.streamId);
  const category = categoryOf(opts.streamId);
  assertCategory(category);
  const expected = opts.expectedVersion ?? "any";
  validateExpected(expected);
  if (!Array.isArray(opts.events) || opts.events.length < 1 || opts.events.length > MAX_EVENTS_PER_APPEND) {
    throw new AppError("validation_failed", `an append carries 1 to ${MAX_EVENTS_PER_APPEND} events`, { field: "events" });
  }
  // Types registered as data in another process a moment ago are validated and sealed too, never stored as unregistered.
  await primeDataSchemas(opts.events.filter((e) => typeof e?.type === "string").map((e) => ({ type: e.type, version: e.schemaVersion })), (t) => schemaRegistry().get(t)?.source === "code");
  if (opts.idempotencyKey !== undefined && (typeof opts.idempotencyKey !== "string" || opts.idempotencyKey.length === 0 || opts.idempotencyKey.length > MAX_IDEMPOTENCY_KEY || unstorableJson(opts.idempotencyKey))) {
    throw new AppError("validation_failed", `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY} characters of storable text`, { field: "idempotencyKey" });
  }

  const issues: { event: number; path: string; message: string }[] = [];
  const sealing: { index: number; subject: string; paths: string[] }[] = [];
  const batchIds = new Map<string, number>();
  const prepared: Prepared[] = opts.events.map((event, index) => {
    const p = prepareEvent(event, index, issues, batchIds);
    if (p.pii) sealing.push({ index, ...p.pii });
    return p.row;
  });
  if (issues.length > 0) {
    const unknownVersion = issues.find((i) => i.path === "schemaVersion" && i.message.startsWith("unknown"));
    if (unknownVersion) throw new AppError("unknown_schema_version", unknownVersion.message, { issues });
    throw new AppError("validation_failed", `${issues.length} problem(s) in the events`, { issues });
  }

  const requestHash = opts.idempotencyKey
    ? keyedHash(canonicalJson({ streamId: opts.streamId, expectedVersion: expected, events: opts.events }))
    : undefined;

  const keysUsed: { subjectId: string; keyId: string }[] = [];
  if (sealing.length > 0) {
    const keys = await getSubjectKeys(sealing.map((s) => s.subject), { create: true });
    const erased = [...new Set(sealing.map((s) => s.subject))].filter((s) => keys.get(s)?.status !== "active");
    if (erased.length > 0) {
      countRefusal(category, "subject_erased");
      throw new AppError("subject_erased", "the data subject was erased: new personal data for it is refused", { subjects: erased });
    }
    const seen = new Set<string>();
    for (const s of sealing) {
      const key = keys.get(s.subject)!;
      if (key.status !== "active") continue;
      prepared[s.index].data = sealFields(prepared[s.index].data as JsonObject, s.paths, s.subject, key.keyId, key.key);
      prepared[s.index].subjects = [s.subject];
      if (!seen.has(s.subject)) keysUsed.push({ subjectId: s.subject, keyId: key.keyId });
      seen.add(s.subject);
    }
  }

  if (opts.recordedAt) {
    let last = "";
    opts.recordedAt.forEach((t, i) => {
      // Backdated times stay in order within the batch; the function keeps them after the stream's last event.
      last = t > last ? t : last;
      prepared[i].recordedAt = last;
    });
  }
  for (const p of prepared) {
    p.sizeBytes = Buffer.byteLength(JSON.stringify(p.data)) + (p.metadata ? Buffer.byteLength(JSON.stringify(p.metadata)) : 2);
  }

  return {
    streamId: opts.streamId,
    category,
    streamHash: streamHash(opts.streamId),
    expected,
    idempotencyKey: opts.idempotencyKey,
    requestHash,
    keys: keysUsed,
    hasCausation: prepared.some((p) => p.causationId !== undefined || p.commandDepth !== undefined),
    hasCorrelation: prepared.some((p) => p.correlationId !== undefined),
    hasClientIds: opts.events.some((e) => e.eventId !== undefined),
    events: prepared,
  };
}

function validateExpected(expected: unknown): void {
  const ok =
    expected === "any" || expected === "no_stream" || expected === "exists" ||
    (typeof expected === "number" && Number.isInteger(expected) && expected >= 0 && expected <= MAX_VERSION);
  if (!ok) {
    throw new AppError("validation_failed", 'expectedVersion must be a version number (>= 0), "any", "no_stream" or "exists"', { field: "expectedVersion" });
  }
}

function prepareEvent(
  event: NewEvent,
  index: number,
  issues: { event: number; path: string; message: string }[],
  batchIds: Map<string, number>,
): { row: Prepared; pii: { subject: string; paths: string[] } | null } {
  const issue = (path: string, message: string) => issues.push({ event: index, path, message });
  const row: Prepared = { eventId: "" };
  if (!isPlainObject(event)) {
    issue("", "an event must be an object");
    return { row, pii: null };
  }
  if (typeof event.type !== "string" || event.type.length === 0 || event.type.length > 200) issue("type", "type must be a string of 1 to 200 characters");
  else if (BIDI_CONTROLS.test(event.type)) issue("type", "type contains bidirectional control characters");
  if (!isPlainObject(event.data)) issue("data", "data must be a JSON object");
  if (event.metadata !== undefined && !isPlainObject(event.metadata)) issue("metadata", "metadata must be a JSON object");
  for (const f of ["type", "data", "metadata"] as const) {
    const problem = unstorableJson(event[f]);
    if (problem) issue(f, `${f} ${problem}`);
  }
  for (const f of ["eventId", "correlationId", "causationId"] as const) {
    if (event[f] !== undefined && !isUuid(event[f])) issue(f, `${f} must be a UUID`);
  }
  const depth = event.metadata?.causationDepth;
  if (depth !== undefined && !(Number.isInteger(depth) && (depth as number) >= 0 && (depth as number) < MAX_VERSION)) {
    issue("metadata.causationDepth", `causationDepth must be a whole number from 0 to ${MAX_VERSION - 1}`);
  }
  if (issues.some((i) => i.event === index)) return { row, pii: null };

  const def = schemaRegistry().get(event.type);
  const latest = def?.versions.length;
  const version = event.schemaVersion ?? latest ?? 1;
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION) {
    issue("schemaVersion", `schemaVersion must be a whole number from 1 to ${MAX_VERSION}`);
    return { row, pii: null };
  }
  let pii: { subject: string; paths: string[] } | null = null;
  if (def) {
    const versionDef = def.versions[version - 1];
    if (!versionDef) {
      issue("schemaVersion", `unknown schema version ${version} of ${event.type} (registered: 1 to ${latest})`);
      return { row, pii: null };
    }
    const parsed = versionDef.schema.safeParse(event.data);
    if (!parsed.success) {
      for (const i of parsed.error.issues) issue(["data", ...i.path.map(String)].join("."), i.message);
      return { row, pii: null };
    }
    try {
      pii = piiOf(versionDef, event.data);
    } catch (e) {
      issue("data", (e as Error).message);
    }
  }

  const eventId = (event.eventId ?? uuidv7()).toLowerCase();
  if (batchIds.has(eventId)) issue("eventId", "the same eventId appears twice in this append");
  if (event.causationId?.toLowerCase() === eventId) issue("causationId", "an event cannot be its own cause");
  row.eventId = eventId;
  row.type = event.type;
  row.schemaVersion = version;
  row.registered = Boolean(def);
  row.data = event.data;
  if (event.metadata) row.metadata = event.metadata;
  if (event.correlationId) row.correlationId = event.correlationId.toLowerCase();
  if (event.causationId) {
    row.causationId = event.causationId.toLowerCase();
    const inBatch = batchIds.get(row.causationId as string);
    if (inBatch !== undefined) row.causeIndex = inBatch;
  }
  if (depth !== undefined) row.commandDepth = depth;
  batchIds.set(eventId, index);
  return { row, pii };
}

const REFUSALS_COUNTED: ErrorCode[] = ["causation_depth_exceeded", "correlation_limit_exceeded", "subject_erased", "version_conflict", "idempotency_conflict"];

async function translateAppendError(e: unknown, category: string): Promise<unknown> {
  const err = e as { code?: string; message?: string; detail?: string; constraint?: string };
  if (err.code === "HS001") {
    const code = err.message as ErrorCode;
    let details: Record<string, unknown> = {};
    try {
      details = JSON.parse(err.detail ?? "{}");
    } catch {
      // keep the code even if the detail is not JSON
    }
    if (REFUSALS_COUNTED.includes(code)) countRefusal(category, code);
    // The store knows the key is gone though this process's cache did not: a NOTIFY was missed.
    if (code === "subject_erased") for (const s of (details.subjects as string[] | undefined) ?? []) forgetCachedKeys(s);
    return new AppError(code, refusalMessage(code, details), details);
  }
  if (err.code === "23505" && err.constraint === "events_event_id_key") {
    // A refused duplicate, like an idempotent replay: counted so the Guards page can chart both.
    countRefusal(category, "duplicate_event_id");
    return new AppError("duplicate_event_id", "an event with this eventId is already stored", {});
  }
  if (err.code === "23505" && err.constraint === "events_stream_version_key") {
    // Only reachable if the stream row and events disagree; never silently retried.
    return new AppError("version_conflict", "the stream moved while appending", {});
  }
  return e;
}

function refusalMessage(code: ErrorCode, d: Record<string, unknown>): string {
  switch (code) {
    case "version_conflict":
      return `expected version ${JSON.stringify(d.expectedVersion)} but the stream is at ${d.actualVersion}`;
    case "idempotency_conflict":
      return "this idempotency key was used before with a different request";
    case "causation_depth_exceeded":
      return `causation depth ${d.depth} exceeds the maximum of ${d.maxDepth} for category ${d.category}`;
    case "correlation_limit_exceeded":
      return `the correlation would exceed ${d.maxPerHour} events in one hour (category ${d.category})`;
    case "subject_erased":
      return "the data subject was erased: new personal data for it is refused";
    default:
      return typeof d.message === "string" ? d.message : code;
  }
}

import "server-only";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { getPool, onCloseDb } from "../db";
import { getMasterKey, unwrapDataKey, wrapDataKey } from "./master-key";

export const SUBJECT_KEYS_CHANNEL = "hindsight_subject_keys";

export type SubjectKey = { status: "active"; keyId: string; key: Buffer } | { status: "destroyed" };

type Row = { subject_id: string; key_id: string; wrapped_key: Buffer | null; status: string };

const cache = new Map<string, SubjectKey>();
let listener: Promise<pg.PoolClient> | undefined;

// Every process caches unwrapped keys; a shred anywhere NOTIFYs so no process keeps decrypting.
function listen(): void {
  if (listener) return;
  listener = (async () => {
    const client = await getPool().connect();
    client.on("notification", (msg) => {
      if (msg.channel === SUBJECT_KEYS_CHANNEL) {
        if (msg.payload) cache.delete(msg.payload);
        else cache.clear();
      }
    });
    client.on("error", () => {
      cache.clear();
      listener = undefined;
    });
    await client.query(`LISTEN ${SUBJECT_KEYS_CHANNEL}`);
    onCloseDb(async () => {
      listener = undefined;
      client.release(true);
    });
    return client;
  })();
  listener.catch(() => (listener = undefined));
}

function fromRow(row: Row): SubjectKey {
  if (row.status !== "active" || !row.wrapped_key) return { status: "destroyed" };
  return { status: "active", keyId: row.key_id, key: unwrapDataKey(row.wrapped_key, getMasterKey(), row.subject_id) };
}

/**
 * Data keys of the given subjects. Subjects with no key yet get one when `create` is set;
 * without it they are absent from the map. A destroyed key is never re-created.
 */
export async function getSubjectKeys(subjects: string[], opts: { create?: boolean } = {}): Promise<Map<string, SubjectKey>> {
  listen();
  await listener?.catch(() => undefined);
  const result = new Map<string, SubjectKey>();
  const missing: string[] = [];
  for (const s of new Set(subjects)) {
    const hit = cache.get(s);
    if (hit) result.set(s, hit);
    else missing.push(s);
  }
  if (missing.length === 0) return result;
  const pool = getPool();
  const { rows } = await pool.query<Row>(
    "SELECT subject_id, key_id, wrapped_key, status FROM subject_keys WHERE subject_id = ANY($1::text[])",
    [missing],
  );
  for (const row of rows) result.set(row.subject_id, fromRow(row));
  const absent = missing.filter((s) => !result.has(s));
  if (opts.create && absent.length > 0) {
    const master = getMasterKey();
    const ids: string[] = [];
    const keyIds: string[] = [];
    const wrapped: Buffer[] = [];
    for (const s of absent) {
      ids.push(s);
      keyIds.push(randomBytes(6).toString("base64url"));
      wrapped.push(wrapDataKey(randomBytes(32), master, s));
    }
    // A concurrent creator may win: whichever row landed is the key, so read it back.
    await pool.query(
      `INSERT INTO subject_keys (subject_id, key_id, wrapped_key, master_key_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], array_fill($4::text, ARRAY[cardinality($1::text[])]))
       ON CONFLICT (subject_id) DO NOTHING`,
      [ids, keyIds, wrapped, master.id],
    );
    const again = await pool.query<Row>(
      "SELECT subject_id, key_id, wrapped_key, status FROM subject_keys WHERE subject_id = ANY($1::text[])",
      [absent],
    );
    for (const row of again.rows) result.set(row.subject_id, fromRow(row));
  }
  for (const [s, k] of result) cache.set(s, k);
  return result;
}

/** Drops cached keys (all of them, or one subject's) in this process. */
export function forgetCachedKeys(subject?: string): void {
  if (subject) cache.delete(subject);
  else cache.clear();
}

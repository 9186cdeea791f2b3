import { GetObjectLockConfigurationCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { AuditAnchor } from "../audit/audit-anchor";
import { getArchiveStore, s3OptionsFromEnv, type ArchiveStore, type S3StoreOptions } from "./archive-store";
import { env } from "../env";

/** Anchors live beside the segments, under their own prefix that no archive sweep touches. */
export const ANCHOR_PREFIX = "anchors/";

const RETENTION_DAYS = env("HINDSIGHT_AUDIT_ANCHOR_RETENTION_DAYS");

/** Where anchors go: the configured archive backend (directory or bucket). */
export type AnchorStore = { write(anchor: AuditAnchor): Promise<string>; list(): Promise<{ key: string; anchor: AuditAnchor | null }[]> };

/** The anchor store of the configured archive backend. */
export function getAnchorStore(): AnchorStore {
  return anchorStore(getArchiveStore(), s3OptionsFromEnv());
}

/**
 * Anchors over an archive store. On S3 a bucket with Object Lock enabled gets a retention date on
 * every anchor, so not even the bucket's owner can delete it before then (COMPLIANCE mode).
 */
export function anchorStore(store: ArchiveStore, s3: S3StoreOptions | null = null): AnchorStore {
  let lockedPut: ((key: string, body: Buffer) => Promise<void>) | null | undefined = s3 ? undefined : null;
  return {
    async write(anchor) {
      const key = `${ANCHOR_PREFIX}${anchor.at.replace(/[^0-9TZ]/g, "")}-${anchor.headId}.json`;
      const body = Buffer.from(`${JSON.stringify(anchor)}\n`);
      if (lockedPut === undefined) lockedPut = await objectLockPut(s3!);
      await (lockedPut ?? store.put.bind(store))(key, body);
      return key;
    },
    async list() {
      const keys = (await store.list(ANCHOR_PREFIX)).filter((k) => k.endsWith(".json"));
      return Promise.all(keys.map(async (key) => ({ key, anchor: parseAnchor(await store.get(key)) })));
    },
  };
}

function parseAnchor(bytes: Buffer | null): AuditAnchor | null {
  if (!bytes) return null;
  try {
    const a = JSON.parse(bytes.toString("utf8"));
    const ok = a?.version === 1 && Number.isInteger(a.headId) && typeof a.headHash === "string" && typeof a.at === "string" && typeof a.signature === "string";
    return ok ? (a as AuditAnchor) : null;
  } catch {
    return null;
  }
}

// A put with retention headers when the bucket has Object Lock, or null when it has none.
async function objectLockPut(opts: S3StoreOptions): Promise<((key: string, body: Buffer) => Promise<void>) | null> {
  const client = new S3Client({
    region: opts.region ?? "us-east-1",
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle ?? Boolean(opts.endpoint),
    credentials: opts.accessKeyId && opts.secretAccessKey ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } : undefined,
  });
  try {
    const res = await client.send(new GetObjectLockConfigurationCommand({ Bucket: opts.bucket }));
    if (res.ObjectLockConfiguration?.ObjectLockEnabled !== "Enabled") return null;
  } catch {
    return null; // no lock configuration, or a server that does not implement Object Lock
  }
  const base = opts.prefix ? `${opts.prefix.replace(/\/+$/, "")}/` : "";
  return async (key, body) => {
    await client.send(
      new PutObjectCommand({
        Bucket: opts.bucket, Key: base + key, Body: body, ContentType: "application/json",
        ObjectLockMode: "COMPLIANCE", ObjectLockRetainUntilDate: new Date(Date.now() + RETENTION_DAYS * 86_400_000),
      }),
    );
  };
}

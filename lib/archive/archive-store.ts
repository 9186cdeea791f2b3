import fs from "node:fs/promises";
import path from "node:path";
import { S3Client, GetObjectCommand, PutObjectCommand, DeleteObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { env, type EnvSource } from "../env";

/** Where segments live: a directory or an S3-compatible bucket. Keys are `/`-separated paths. */
export type ArchiveStore = {
  /** "filesystem /data/archive" or "s3 bucket-name at endpoint": what the Archive page shows. */
  describe: string;
  put(key: string, body: Buffer): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** `length` bytes of the object from `offset` (one block of a segment), or null when there is no object. */
  getRange(key: string, offset: number, length: number): Promise<Buffer | null>;
  /** Every key under a prefix. */
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
};

/** Keys are built by object-keys.ts; this refuses any other key that a path-shaped backend would resolve elsewhere. */
export function assertPlainKey(key: string): void {
  if (key === "" || key.startsWith("/") || key.split("/").some((part) => part === "." || part === "..") || key.includes("\\") || key.includes("\u0000")) {
    throw new Error(`archive key ${JSON.stringify(key)} is not a plain relative path`);
  }
}

/** A directory: objects are files, written to a temporary name, flushed and renamed, so a crash never leaves half a file under a real key. */
export function filesystemStore(dir: string): ArchiveStore {
  const root = path.resolve(dir);
  const file = (key: string) => {
    // Keys are built by object-keys.ts; this refuses anything else that would resolve elsewhere.
    assertPlainKey(key);
    const full = path.resolve(root, key);
    if (!full.startsWith(root + path.sep)) throw new Error(`archive key ${key} leaves the archive directory`);
    return full;
  };
  return {
    describe: `filesystem ${root}`,
    async put(key, body) {
      const target = file(key);
      // Segments hold sealed personal data and the only copy of archived events: owner-only.
      await fs.mkdir(root, { recursive: true, mode: 0o700 });
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Folders an earlier release made with the default mode are tightened as they are written to.
      for (let d = path.dirname(target); d.startsWith(root); d = path.dirname(d)) await fs.chmod(d, 0o700);
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      const handle = await fs.open(tmp, "w", 0o600);
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, target);
    },
    async get(key) {
      try {
        return await fs.readFile(file(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
    async getRange(key, offset, length) {
      let handle;
      try {
        handle = await fs.open(file(key), "r");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
      try {
        const buf = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buf, 0, length, offset);
        return buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async list(prefix) {
      const out: string[] = [];
      const walk = async (rel: string) => {
        let entries;
        try {
          entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
          throw e;
        }
        for (const d of entries) {
          const child = rel ? `${rel}/${d.name}` : d.name;
          if (d.isDirectory()) await walk(child);
          else if (!d.name.endsWith(".tmp")) out.push(child);
        }
      };
      const rel = prefix.replace(/\/+$/, "");
      if (rel) file(rel);
      await walk(rel);
      return out.sort();
    },
    async delete(key) {
      await fs.rm(file(key), { force: true });
    },
  };
}

export type S3StoreOptions = {
  bucket: string;
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  /** Key prefix inside the bucket (default none). */
  prefix?: string;
};

/** Any S3-compatible bucket (AWS S3, MinIO, R2, s3rver) through @aws-sdk/client-s3. */
export function s3Store(opts: S3StoreOptions): ArchiveStore {
  const client = new S3Client({
    region: opts.region ?? "us-east-1",
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle ?? Boolean(opts.endpoint),
    credentials: opts.accessKeyId && opts.secretAccessKey ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } : undefined,
  });
  const base = opts.prefix ? `${opts.prefix.replace(/\/+$/, "")}/` : "";
  const at = (key: string) => {
    assertPlainKey(key);
    return base + key;
  };
  return {
    describe: `s3 ${opts.bucket}${opts.endpoint ? ` at ${opts.endpoint}` : ""}${base ? ` under ${base}` : ""}`,
    async put(key, body) {
      await client.send(new PutObjectCommand({ Bucket: opts.bucket, Key: at(key), Body: body, ContentType: "application/gzip" }));
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: opts.bucket, Key: at(key) }));
        return Buffer.from(await res.Body!.transformToByteArray());
      } catch (e) {
        const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (err.name === "NoSuchKey" || err.$metadata?.httpStatusCode === 404) return null;
        throw e;
      }
    },
    async getRange(key, offset, length) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: opts.bucket, Key: at(key), Range: `bytes=${offset}-${offset + length - 1}` }));
        return Buffer.from(await res.Body!.transformToByteArray());
      } catch (e) {
        const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (err.name === "NoSuchKey" || err.$metadata?.httpStatusCode === 404) return null;
        throw e;
      }
    },
    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const res = await client.send(new ListObjectsV2Command({ Bucket: opts.bucket, Prefix: base + prefix, ContinuationToken: token }));
        for (const o of res.Contents ?? []) if (o.Key) keys.push(o.Key.slice(base.length));
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: opts.bucket, Key: at(key) }));
    },
  };
}

let configured: { env: string; store: ArchiveStore } | undefined;

/**
 * The archive store the environment configures: S3 when HINDSIGHT_ARCHIVE_S3_BUCKET is set
 * (with _ENDPOINT, _REGION, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY, _FORCE_PATH_STYLE, _PREFIX),
 * otherwise the directory HINDSIGHT_ARCHIVE_DIR (default `.data/archive`).
 */
export function getArchiveStore(): ArchiveStore {
  const fingerprint = [env("HINDSIGHT_ARCHIVE_S3_BUCKET"), env("HINDSIGHT_ARCHIVE_S3_ENDPOINT"), env("HINDSIGHT_ARCHIVE_S3_PREFIX"), env("HINDSIGHT_ARCHIVE_DIR")].join("|");
  if (configured?.env === fingerprint) return configured.store;
  const s3 = s3OptionsFromEnv();
  const store = s3 ? s3Store(s3) : filesystemStore(env("HINDSIGHT_ARCHIVE_DIR") || path.join(process.cwd(), ".data", "archive"));
  configured = { env: fingerprint, store };
  return store;
}

/** The S3 bucket the environment names, or null for the filesystem backend. */
export function s3OptionsFromEnv(source?: EnvSource): S3StoreOptions | null {
  const bucket = env("HINDSIGHT_ARCHIVE_S3_BUCKET", source);
  if (!bucket) return null;
  const forcePathStyle = env("HINDSIGHT_ARCHIVE_S3_FORCE_PATH_STYLE", source);
  return {
    bucket,
    endpoint: env("HINDSIGHT_ARCHIVE_S3_ENDPOINT", source),
    region: env("HINDSIGHT_ARCHIVE_S3_REGION", source),
    accessKeyId: env("HINDSIGHT_ARCHIVE_S3_ACCESS_KEY_ID", source) ?? env("AWS_ACCESS_KEY_ID", source),
    secretAccessKey: env("HINDSIGHT_ARCHIVE_S3_SECRET_ACCESS_KEY", source) ?? env("AWS_SECRET_ACCESS_KEY", source),
    forcePathStyle: forcePathStyle ? forcePathStyle === "true" : undefined,
    prefix: env("HINDSIGHT_ARCHIVE_S3_PREFIX", source),
  };
}

import { z } from "zod";

/**
 * Where a variable is documented: a row of a README configuration table (`main` has a default
 * column, `sign-in` does not), a mention inside another variable's row, or nowhere (internal).
 */
export type ReadmeEntry = { table: "main"; default?: string } | { table: "sign-in" } | { in: string; mention: string } | "internal";

type Spec<T extends z.ZodType> = { schema: T; readme: ReadmeEntry };

const spec = <T extends z.ZodType>(schema: T, readme: ReadmeEntry): Spec<T> => ({ schema, readme });

/** Text, where an empty value counts as unset. */
const text = () => z.string().optional().transform((v) => (v === "" ? undefined : v));

/** A whole number of at least `min`; unset or empty gives `fallback`. */
function whole<F extends number | undefined>(fallback: F, min: number, what = min > 0 ? "a whole number above 0" : "a whole number") {
  return z
    .string()
    .optional()
    .transform((raw, ctx): number | F => {
      if (raw === undefined || raw === "") return fallback;
      const n = Number(raw.trim());
      if (raw.trim() === "" || !Number.isInteger(n) || n < min) {
        ctx.addIssue({ code: "custom", message: `must be ${what}` });
        return z.NEVER;
      }
      return n;
    });
}

/** Milliseconds where 0 is PostgreSQL's "no limit" (allowed on purpose). */
const timeoutMs = (fallback: number) => whole(fallback, 0, "a whole number of milliseconds");

const url = () =>
  text().refine((v) => v === undefined || URL.canParse(v), { message: "must be a URL" });

/** A comma-separated list, trimmed, empty items dropped. */
const list = () =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean));

const main = (def?: string): ReadmeEntry => ({ table: "main", default: def });
const s3 = (mention: string): ReadmeEntry => ({ in: "HINDSIGHT_ARCHIVE_S3_BUCKET", mention });

/**
 * Every variable Hindsight reads, with its schema. README.md's configuration tables are checked
 * against this list (lib/env-readme.test.ts); a main-table default left out here is the schema's own.
 */
export const ENV_SPECS = {
  DATABASE_URL: spec(text(), main("embedded")),
  DATABASE_MIGRATE_URL: spec(text(), main("`DATABASE_URL`")),
  HINDSIGHT_MASTER_KEY: spec(text(), main("generated into `.data/`")),
  NEXTAUTH_SECRET: spec(text(), main("generated into `.data/`")),
  PORT: spec(whole(3000, 1), main()),
  HINDSIGHT_PG_PORT: spec(whole(54329, 1), main()),
  HINDSIGHT_DATA_DIR: spec(text(), main("`.data`")),
  HINDSIGHT_SYSTEM_DIR: spec(text(), main("`/var/lib/hindsight`")),
  HINDSIGHT_DEMO_EVENTS: spec(whole(200_000, 0), main()),
  HINDSIGHT_SEED_DEMO: spec(text(), { in: "DATABASE_URL", mention: "HINDSIGHT_SEED_DEMO=1" }),
  HINDSIGHT_MAX_BODY_BYTES: spec(whole(1024 * 1024, 1), main()),
  HINDSIGHT_POOL_SIZE: spec(whole(20, 1), main()),
  HINDSIGHT_STATEMENT_TIMEOUT_MS: spec(timeoutMs(60_000), main()),
  HINDSIGHT_IDLE_TX_TIMEOUT_MS: spec(timeoutMs(60_000), main()),
  HINDSIGHT_LONG_STATEMENT_TIMEOUT_MS: spec(timeoutMs(3_600_000), main()),
  HINDSIGHT_TRUSTED_PROXIES: spec(list(), main("none")),
  HINDSIGHT_BODY_TIMEOUT_MS: spec(whole(10_000, 1), main()),
  HINDSIGHT_HEADERS_TIMEOUT_MS: spec(whole(10_000, 1), main()),
  HINDSIGHT_KEEP_ALIVE_TIMEOUT_MS: spec(whole(5_000, 1), main()),
  HINDSIGHT_MAX_HEADER_BYTES: spec(whole(16 * 1024, 1), main()),
  HINDSIGHT_HOST: spec(text(), main("all interfaces")),
  HINDSIGHT_TOKEN_CACHE_MS: spec(whole(15_000, 0), main()),
  HINDSIGHT_SSE_HEARTBEAT_MS: spec(whole(15_000, 1), main()),
  HINDSIGHT_SSE_SLOW_MS: spec(whole(30_000, 1), main()),
  HINDSIGHT_ALERT_INTERVAL_MS: spec(whole(30_000, 100, "a whole number of at least 100"), main()),
  HINDSIGHT_REPLAY_WORKERS: spec(whole(undefined, 1), main("one per CPU (at least 2)")),
  HINDSIGHT_REPLAY_BATCH: spec(whole(5_000, 1), main()),
  HINDSIGHT_PARTITION_STALE_SECONDS: spec(whole(60, 1), main()),
  HINDSIGHT_ARCHIVE_DIR: spec(text(), main("`.data/archive`")),
  HINDSIGHT_ARCHIVE_S3_BUCKET: spec(text(), main("unset")),
  HINDSIGHT_ARCHIVE_S3_ENDPOINT: spec(text(), s3("`HINDSIGHT_ARCHIVE_S3_ENDPOINT`")),
  HINDSIGHT_ARCHIVE_S3_REGION: spec(text(), s3("`_REGION`")),
  HINDSIGHT_ARCHIVE_S3_ACCESS_KEY_ID: spec(text(), s3("`_ACCESS_KEY_ID`")),
  HINDSIGHT_ARCHIVE_S3_SECRET_ACCESS_KEY: spec(text(), s3("`_SECRET_ACCESS_KEY`")),
  HINDSIGHT_ARCHIVE_S3_FORCE_PATH_STYLE: spec(z.enum(["true", "false"]).optional(), s3("`_FORCE_PATH_STYLE`")),
  HINDSIGHT_ARCHIVE_S3_PREFIX: spec(text(), s3("`_PREFIX`")),
  AWS_ACCESS_KEY_ID: spec(text(), s3("`AWS_*`")),
  AWS_SECRET_ACCESS_KEY: spec(text(), s3("`AWS_*`")),
  HINDSIGHT_DOMAIN: spec(text(), main("`domains/demo`")),
  HINDSIGHT_DOMAIN_OUT: spec(text(), main("`.hindsight`")),
  HINDSIGHT_BACKUP_RETENTION_DAYS: spec(whole(35, 0), main()),
  HINDSIGHT_WEBHOOK_ALLOW_HOSTS: spec(list(), main("unset")),
  HINDSIGHT_WEBHOOK_BACKOFF_MS: spec(whole(10_000, 1), main()),
  HINDSIGHT_AUDIT_SIGNING_KEY: spec(text(), main("generated into `.data/`")),
  HINDSIGHT_AUDIT_ANCHOR_INTERVAL_MS: spec(whole(5 * 60_000, 1), main()),
  HINDSIGHT_AUDIT_ANCHOR_RETENTION_DAYS: spec(whole(3650, 1), main()),
  HINDSIGHT_PG_BIN_DIR: spec(text(), main("`/var/lib/hindsight/bin`")),
  // The source's own checks (lib/source/source-config.ts) say which combinations are wrong and why.
  HINDSIGHT_SOURCE_KIND: spec(text(), main("unset (Hindsight's own store)")),
  HINDSIGHT_SOURCE_URL: spec(text(), main("required with `HINDSIGHT_SOURCE_KIND`")),
  HINDSIGHT_SOURCE_SCHEMA: spec(text(), main("the store's default (search path)")),
  HINDSIGHT_SOURCE_POOL_SIZE: spec(whole(5, 1), main("`5`")),
  NEXTAUTH_URL: spec(url(), { table: "sign-in" }),
  HINDSIGHT_ADMIN_EMAIL: spec(text(), { table: "sign-in" }),
  HINDSIGHT_ADMIN_PASSWORD: spec(z.string().optional(), { table: "sign-in" }),
  HINDSIGHT_OIDC_ISSUER: spec(url(), { table: "sign-in" }),
  HINDSIGHT_OIDC_CLIENT_ID: spec(text(), { table: "sign-in" }),
  HINDSIGHT_OIDC_CLIENT_SECRET: spec(text(), { table: "sign-in" }),
  HINDSIGHT_OIDC_NAME: spec(text(), { table: "sign-in" }),
  // Set by the HTTP server on start so /api/health can name the process that answered.
  HINDSIGHT_BOOT_ID: spec(text(), "internal"),
};

export type EnvSpecs = typeof ENV_SPECS;

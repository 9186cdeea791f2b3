import { env as readEnv, type EnvSource } from "../env";
import type { SourceKind, SourceOptions } from "./contract";

/** The stores Hindsight can read instead of its own (HINDSIGHT_SOURCE_KIND). */
export const SOURCE_KINDS = ["emmett", "message-db", "marten"] as const;
export type ExternalSourceKind = (typeof SOURCE_KINDS)[number];

export type SourceConfig = { kind: "hindsight" } | ({ kind: ExternalSourceKind } & SourceOptions);

/**
 * Reads HINDSIGHT_SOURCE_KIND, HINDSIGHT_SOURCE_URL and HINDSIGHT_SOURCE_SCHEMA; unset kind means
 * Hindsight's own store. A bad value is an error naming the variable, never a silent fallback.
 */
export function sourceConfigFromEnv(source?: EnvSource): SourceConfig {
  const kind = readEnv("HINDSIGHT_SOURCE_KIND", source)?.trim() || undefined;
  const url = readEnv("HINDSIGHT_SOURCE_URL", source)?.trim() || undefined;
  const schema = readEnv("HINDSIGHT_SOURCE_SCHEMA", source)?.trim() || null;
  if (!kind) {
    if (url || schema) throw new Error("HINDSIGHT_SOURCE_URL or HINDSIGHT_SOURCE_SCHEMA is set but HINDSIGHT_SOURCE_KIND is not: set it to emmett, message-db or marten");
    return { kind: "hindsight" };
  }
  if (!(SOURCE_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`HINDSIGHT_SOURCE_KIND=${kind} is not a source Hindsight reads: use emmett, message-db or marten (or leave it unset for Hindsight's own store)`);
  }
  if (!url) throw new Error(`HINDSIGHT_SOURCE_KIND=${kind} needs HINDSIGHT_SOURCE_URL=postgresql://… pointing at that store's database`);
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("HINDSIGHT_SOURCE_URL must be a postgresql:// URL");
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`HINDSIGHT_SOURCE_SCHEMA=${schema} is not a plain schema name (letters, digits and _)`);
  }
  return { kind: kind as ExternalSourceKind, url, schema };
}

/** Whether Hindsight reads another store (so its own append, archive and shredding are off). */
export function readsExternalSource(config: SourceConfig = sourceConfigFromEnv()): boolean {
  return config.kind !== "hindsight";
}

export type { SourceKind };

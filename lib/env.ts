import { z } from "zod";
import { ENV_SPECS, type EnvSpecs } from "./env-specs";

/** Variables as the process (or a test, or a caller's own record) holds them. */
export type EnvSource = Record<string, string | undefined>;
export type EnvName = keyof EnvSpecs;
export type EnvValue<N extends EnvName> = z.output<EnvSpecs[N]["schema"]>;

// Parsed values by variable, kept while the text is unchanged: start-up and tests set variables at run time.
const parsed = new Map<string, { raw: string | undefined; value: unknown }>();

/**
 * The one place that reads the environment: the variable's value parsed by its schema in
 * lib/env-specs.ts, or an error that names the variable and the text it refused.
 */
export function env<N extends EnvName>(name: N, source: EnvSource = process.env): EnvValue<N> {
  const raw = source[name];
  const cachable = source === process.env;
  const hit = cachable ? parsed.get(name) : undefined;
  if (hit && hit.raw === raw) return hit.value as EnvValue<N>;
  const result = ENV_SPECS[name].schema.safeParse(raw);
  if (!result.success) throw new Error(`${name} ${result.error.issues[0]?.message ?? "is not valid"} (got "${raw}")`);
  if (cachable) parsed.set(name, { raw, value: result.data });
  return result.data as EnvValue<N>;
}

/** Sets (or, with undefined, removes) variables of this process: start-up writes what it generated, tests what they need. */
export function setEnv(values: Partial<Record<EnvName, string | undefined>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

/** Sets each variable that is not set yet (`??=`), for defaults a test or a script supplies. */
export function defaultEnv(values: Partial<Record<EnvName, string>>): void {
  setEnv(Object.fromEntries(Object.entries(values).filter(([name]) => process.env[name] === undefined)));
}

/** This process's variables plus these, for a child process (PostgreSQL, a worker, a test's child). */
export function childEnv(extra: EnvSource = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** True in `next dev` (literal access so Next.js can inline it). */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === "development";
}


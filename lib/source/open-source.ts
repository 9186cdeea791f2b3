import "server-only";
import type { EventSource } from "./contract";
import { openEmmettSource } from "./emmett";
import { openHindsightSource } from "./hindsight";
import { openMartenSource } from "./marten";
import { openMessageDbSource } from "./message-db";
import { sourceConfigFromEnv, type SourceConfig } from "./source-config";

/** Opens the source the configuration names (Hindsight's own store when none is set). */
export function openSource(config: SourceConfig): EventSource {
  switch (config.kind) {
    case "hindsight":
      return openHindsightSource();
    case "emmett":
      return openEmmettSource(config);
    case "message-db":
      return openMessageDbSource(config);
    case "marten":
      return openMartenSource(config);
  }
}

type SourceState = { source?: EventSource; key?: string };
// Cached on globalThis like the pool: one connection pool to the source per process.
const state: SourceState = ((globalThis as { __hindsightSource?: SourceState }).__hindsightSource ??= {});

/** The configured source, opened once per process (re-opened when the configuration changes, as tests do). */
export function getSource(): EventSource {
  const config = sourceConfigFromEnv();
  const key = JSON.stringify(config);
  if (!state.source || state.key !== key) {
    void state.source?.close();
    state.source = openSource(config);
    state.key = key;
  }
  return state.source;
}

/** Closes the cached source (tests, shutdown). */
export async function closeSource(): Promise<void> {
  const s = state.source;
  state.source = undefined;
  state.key = undefined;
  await s?.close();
}

/**
 * Start-up check: opens the configured source and runs its check(), throwing one clear sentence
 * (which variable, which store, what is wrong) instead of letting the first page fail later.
 */
export async function assertSourceUsable(config: SourceConfig = sourceConfigFromEnv()): Promise<void> {
  if (config.kind === "hindsight") return;
  const source = openSource(config);
  try {
    const { ok, problems } = await source.check().catch((e: Error) => ({ ok: false, problems: [e.message] }));
    if (!ok) throw new Error(`HINDSIGHT_SOURCE_KIND=${config.kind}: the source at HINDSIGHT_SOURCE_URL cannot be read: ${problems.join("; ")}`);
  } finally {
    await source.close();
  }
}

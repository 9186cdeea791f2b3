import { AppError } from "../errors";
import type { Capability, SourceCapabilities } from "./contract";
import { MARTEN_CAPABILITIES } from "./marten/capabilities";
import { MESSAGE_DB_CAPABILITIES } from "./message-db/capabilities";
import { ownStoreOnly } from "./shared/capabilities";
import { sourceConfigFromEnv, type ExternalSourceKind } from "./source-config";

/** Each adapter's own capabilities, so a refusal says what the adapter says (e.g. Marten's own ArchiveStream). */
const CAPABILITIES: Record<ExternalSourceKind, SourceCapabilities> = {
  emmett: ownStoreOnly("Emmett"),
  "message-db": MESSAGE_DB_CAPABILITIES,
  marten: MARTEN_CAPABILITIES,
};

/**
 * What the configured source can do, without opening it (pages ask on every render). Hindsight's
 * own store can do everything; other stores lack what only Hindsight's own writes make possible.
 */
export function sourceCapability(name: keyof SourceCapabilities): Capability {
  const config = sourceConfigFromEnv();
  if (config.kind === "hindsight") return { ok: true };
  return CAPABILITIES[config.kind][name];
}

/** Throws 409 not_supported_by_source with the capability's reason when the source cannot do it. */
export function requireCapability(name: keyof SourceCapabilities): void {
  const cap = sourceCapability(name);
  if (!cap.ok) throw new AppError("not_supported_by_source", cap.reason, { capability: name, source: sourceConfigFromEnv().kind });
}

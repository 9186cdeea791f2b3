import { AppError } from "../errors";
import type { Capability, SourceCapabilities } from "./contract";
import { ownStoreOnly } from "./shared/capabilities";
import { sourceConfigFromEnv } from "./source-config";

const STORE_NAMES = { emmett: "Emmett", "message-db": "Message DB", marten: "Marten" } as const;

/**
 * What the configured source can do, without opening it (pages ask on every render). Hindsight's
 * own store can do everything; other stores lack what only Hindsight's own writes make possible.
 */
export function sourceCapability(name: keyof SourceCapabilities): Capability {
  const config = sourceConfigFromEnv();
  if (config.kind === "hindsight") return { ok: true };
  return ownStoreOnly(STORE_NAMES[config.kind])[name];
}

/** Throws 409 not_supported_by_source with the capability's reason when the source cannot do it. */
export function requireCapability(name: keyof SourceCapabilities): void {
  const cap = sourceCapability(name);
  if (!cap.ok) throw new AppError("not_supported_by_source", cap.reason, { capability: name, source: sourceConfigFromEnv().kind });
}

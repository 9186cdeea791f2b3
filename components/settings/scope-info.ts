import type { TokenScope } from "@/lib/auth/permissions";

/** What each token scope lets a machine do, in the words the Settings page shows. */
export const SCOPE_INFO: Record<TokenScope, string> = {
  "events:read": "read streams and the global log",
  "events:append": "append events",
  "pii:read": "see personal data in clear",
  "stats:read": "read growth statistics",
  "erasure:write": "create erasure requests",
  "schemas:write": "register event types as JSON Schema (CI)",
  "projections:rebuild": "rebuild, promote and roll back projections (pipelines)",
};

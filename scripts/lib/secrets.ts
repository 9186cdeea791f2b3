import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { tightenFileMode, writePrivateFileSync } from "../../lib/private-file";

/** pgPassword is the embedded superuser's; the owner and runtime roles have their own (lib/db-roles.ts). */
export type Secrets = { masterKey: string; nextauthSecret: string; pgPassword: string; pgOwnerPassword: string; pgRuntimePassword: string };

/**
 * Secrets for the embedded default: generated on first start into .data/secrets.json (mode 0600)
 * and kept, so encrypted PII stays readable across restarts. Environment variables win.
 */
export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<Secrets> = {};
  tightenFileMode(file);
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8"));
  const secrets: Secrets = {
    masterKey: stored.masterKey ?? randomBytes(32).toString("base64"),
    nextauthSecret: stored.nextauthSecret ?? randomBytes(32).toString("base64url"),
    pgPassword: stored.pgPassword ?? randomBytes(18).toString("base64url"),
    pgOwnerPassword: stored.pgOwnerPassword ?? randomBytes(18).toString("base64url"),
    pgRuntimePassword: stored.pgRuntimePassword ?? randomBytes(18).toString("base64url"),
  };
  if (JSON.stringify(stored) !== JSON.stringify(secrets)) {
    writePrivateFileSync(file, JSON.stringify(secrets, null, 2));
  }
  return secrets;
}

// npm run token -- --name NAME --scopes a,b [--owner EMAIL] [--expires 90d] — create an API token for automation; prints it once.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { resolvePgDir } from "./lib/pg-location";
import { startCluster, type EmbeddedCluster } from "../lib/embedded-postgres";
import { isScope, SCOPES, type TokenScope } from "../lib/auth/permissions";
import { parseTokenExpiry } from "../lib/auth/token-expiry";

const USAGE = `usage: npm run -s token -- --name NAME --scopes SCOPE[,SCOPE…] [--owner EMAIL] [--expires 90d]
  --name     what the token is for (shown in Settings → API tokens)
  --scopes   comma-separated: ${SCOPES.join(", ")}
  --owner    the admin who owns it (default: the oldest active admin); a token never does more than its owner's role
  --expires  how long it works: hours, days or weeks (12h, 90d, 2w), or never (the default)
Uses DATABASE_URL when set, else the embedded database of npm start (started for the moment if it is not running).
The token goes to stdout, once; only its SHA-256 is stored.`;

/** The database npm start uses: DATABASE_URL, or the embedded one in the data dir (started if need be). */
async function connect(log: (line: string) => void): Promise<{ url: string; cluster?: EmbeddedCluster }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const dataDir = path.resolve(process.env.HINDSIGHT_DATA_DIR ?? ".data");
  const secretsFile = path.join(dataDir, "secrets.json");
  if (!fs.existsSync(secretsFile)) throw new Error(`no database: set DATABASE_URL, or run npm start once so ${dataDir} exists`);
  const { pgPassword } = JSON.parse(fs.readFileSync(secretsFile, "utf8")) as { pgPassword: string };
  const port = Number(process.env.HINDSIGHT_PG_PORT ?? 54329);
  const url = `postgresql://hindsight:${encodeURIComponent(pgPassword)}@127.0.0.1:${port}/hindsight`;
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
    return { url };
  } catch {
    log("the embedded database is not running; starting it for this command");
    const cluster = await startCluster({ dir: resolvePgDir(dataDir, log), port, portVariable: "HINDSIGHT_PG_PORT", password: pgPassword });
    return { url, cluster };
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { name: { type: "string" }, scopes: { type: "string" }, owner: { type: "string" }, expires: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const scopes = (values.scopes ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !isScope(s));
  if (!values.name?.trim() || scopes.length === 0 || unknown.length) {
    console.error(unknown.length ? `unknown scope(s): ${unknown.join(", ")}\n\n${USAGE}` : USAGE);
    return 2;
  }
  let expiresInSeconds: number | null;
  try {
    expiresInSeconds = parseTokenExpiry(values.expires ?? "never");
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const log = (line: string) => console.error(`[token] ${line}`);
  const { url, cluster } = await connect(log);
  process.env.DATABASE_URL = url;
  const { closeDb } = await import("../lib/db");
  try {
    const { createApiTokenFromCli } = await import("../lib/auth/create-token-cli");
    const { token, owner } = await createApiTokenFromCli({ name: values.name.trim(), scopes: scopes as TokenScope[], ownerEmail: values.owner, expiresInSeconds });
    log(`created "${values.name.trim()}" owned by ${owner} with scopes ${scopes.join(", ")}; it is shown this once:`);
    console.log(token);
    return 0;
  } finally {
    await closeDb();
    await cluster?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[token] failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  },
);

// npm run rotate-master-key — re-wrap every data key under a new master key (nothing re-encrypted).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { resolvePgDir } from "./lib/pg-location";
import { startCluster, type EmbeddedCluster } from "../lib/embedded-postgres";
import { writePrivateFileSync } from "../lib/private-file";

const USAGE = `usage: npm run -s rotate-master-key [-- --new BASE64KEY]
Re-wraps every subject data key and every erasure request key from the current master key
(HINDSIGHT_MASTER_KEY, else .data/secrets.json) to a new one (--new or HINDSIGHT_NEW_MASTER_KEY,
else generated), in one transaction; events and snapshots are not touched. With the embedded
default the new key is written to .data/secrets.json (the old one kept as previousMasterKey
until you delete it); otherwise it is printed once: put it in HINDSIGHT_MASTER_KEY and restart
every process. Stop the app first (its processes hold the old key).`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { new: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const log = (line: string) => console.error(`[rotate-master-key] ${line}`);
  const dataDir = path.resolve(process.env.HINDSIGHT_DATA_DIR ?? ".data");
  const secretsFile = path.join(dataDir, "secrets.json");
  const secrets = fs.existsSync(secretsFile) ? (JSON.parse(fs.readFileSync(secretsFile, "utf8")) as Record<string, string>) : null;
  const embedded = !process.env.DATABASE_URL;
  const current = process.env.HINDSIGHT_MASTER_KEY ?? secrets?.masterKey;
  if (!current) throw new Error("no current master key: set HINDSIGHT_MASTER_KEY (or run from the directory holding .data/)");
  const { generateMasterKey } = await import("../lib/schema/master-key");
  const next = values.new ?? process.env.HINDSIGHT_NEW_MASTER_KEY ?? generateMasterKey();

  let cluster: EmbeddedCluster | undefined;
  if (embedded) {
    if (!secrets) throw new Error(`no database: set DATABASE_URL, or run npm start once so ${dataDir} exists`);
    const port = Number(process.env.HINDSIGHT_PG_PORT ?? 54329);
    const url = `postgresql://hindsight:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${port}/hindsight`;
    const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await probe.connect();
      await probe.end();
    } catch {
      log("the embedded database is not running; starting it for this command");
      cluster = await startCluster({ dir: resolvePgDir(dataDir, log), port, portVariable: "HINDSIGHT_PG_PORT", password: secrets.pgPassword });
    }
    process.env.DATABASE_URL = url;
  }
  const { closeDb } = await import("../lib/db");
  try {
    const { masterKeyFrom } = await import("../lib/schema/master-key");
    const { rotateMasterKey } = await import("../lib/compliance/rotate-master-key");
    const { systemActor } = await import("../lib/audit/actor");
    const from = masterKeyFrom(current);
    const to = masterKeyFrom(next);
    const result = await rotateMasterKey({ from, to, actor: systemActor("rotate-master-key", "npm run rotate-master-key") });
    log(`re-wrapped ${result.subjectKeys} subject key(s), ${result.requestKeys} erasure request key(s) and ${result.webhookSecrets} webhook secret(s): master key ${result.from} → ${result.to}`);
    if (embedded && secrets) {
      writePrivateFileSync(secretsFile, JSON.stringify({ ...secrets, masterKey: next, previousMasterKey: current }, null, 2));
      log(`${secretsFile} now holds the new key; restart npm start`);
    } else {
      log("the new master key (set HINDSIGHT_MASTER_KEY to it and restart every process):");
      console.log(next);
    }
    return 0;
  } finally {
    await closeDb();
    await cluster?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[rotate-master-key] failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  },
);

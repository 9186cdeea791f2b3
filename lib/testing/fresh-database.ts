import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDb } from "../db";
import { OWNER_ROLE, withClient } from "../db-roles";
import { defaultEnv, setEnv } from "../env";

const TEMPLATE_DB = "hindsight_template";
const name = `t_${randomBytes(6).toString("hex")}`;
const clusterUrl = inject("clusterUrl");

function onDatabase(url: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

// Set before any test imports touch the pool: lib/db.ts reads them on first use. The app runs as
// the runtime role; the owner's URL is there for what only an owner does (lib/testing/owner-db.ts).
setEnv({ DATABASE_URL: onDatabase(inject("runtimeUrl")), DATABASE_MIGRATE_URL: onDatabase(inject("ownerUrl")) });
// Each test database gets its own data and archive folders: audit anchors, signing keys and segments
// of one test file must not meet another's (a test that needs a particular folder still sets its own).
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `hindsight-${name}-`));
defaultEnv({
  HINDSIGHT_DATA_DIR: scratch,
  HINDSIGHT_ARCHIVE_DIR: path.join(scratch, "archive"),
  HINDSIGHT_MASTER_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
});

const admin = <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => withClient(clusterUrl, fn);

beforeAll(async () => {
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB} OWNER ${OWNER_ROLE}`));
});

afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  await closeDb();
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
});

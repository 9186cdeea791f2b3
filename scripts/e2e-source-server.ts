// The app over an Emmett store, as e2e-source/ sees it: a throwaway PostgreSQL holding the store
// (emmett's own client writes orders and a UserUpdated ↔ ProfileUpdated loop), then Hindsight
// booted with HINDSIGHT_SOURCE_KIND=emmett on its own embedded database, the real build, next start.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startCluster } from "../lib/embedded-postgres";
import { caused, createEmmettStore } from "../lib/testing/emmett-store";
import { freePort } from "../lib/testing/global-setup";
import { boot } from "./lib/boot";
import { describeStartError } from "./lib/start-error";

async function main() {
  delete process.env.DATABASE_URL;
  const credentialsFile = process.env.E2E_CREDENTIALS_FILE;
  if (credentialsFile) fs.rmSync(credentialsFile, { force: true });
  const log = (line: string) => console.log(`[e2e-source-server] ${line}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-e2e-source-"));
  fs.chmodSync(dataDir, 0o711);
  const sourceDir = path.join(dataDir, "emmett-pg");
  fs.mkdirSync(sourceDir, { mode: 0o711 });
  const pgPort = Number(process.env.E2E_PG_PORT ?? 54399);
  // The source's own PostgreSQL takes a port the kernel says is free: a fixed one next to the app's
  // can be held for a moment by a client socket or a server still stopping (a run once failed so).
  const sourcePort = await freePort();
  const cluster = await startCluster({ dir: sourceDir, port: sourcePort });
  const emt = await createEmmettStore(cluster.url("postgres"));
  const loop = randomUUID();
  await writeWorld(emt.store, loop);
  log(`Emmett store on port ${sourcePort}, written by emmett's own client`);

  process.env.HINDSIGHT_SOURCE_KIND = "emmett";
  process.env.HINDSIGHT_SOURCE_URL = emt.readerUrl;
  const app = await boot({ root: process.cwd(), dataDir, port: Number(process.env.E2E_PORT ?? 3210), pgPort, demoEvents: 0, log });
  if (credentialsFile) await writeCredentials(credentialsFile, app, { sourceOwnerUrl: emt.ownerUrl, loopCorrelationId: loop });
  log(`ready at ${app.url}`);
  const shutdown = async () => {
    await app.stop().catch(() => undefined);
    await emt.drop().catch(() => undefined);
    await cluster.stop().catch(() => undefined);
    if (credentialsFile) fs.rmSync(credentialsFile, { force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

type EmmettStore = Awaited<ReturnType<typeof createEmmettStore>>["store"];

async function writeWorld(store: EmmettStore, loop: string): Promise<void> {
  for (let n = 1; n <= 3; n++) {
    await store.appendToStream(`order-${n}`, [
      { type: "OrderPlaced", data: { orderId: `${n}`, total: 10 * n } },
      { type: "OrderShipped", data: { orderId: `${n}`, carrier: "dhl" } },
    ]);
  }
  let cause: string | null = null;
  for (let i = 0; i < 8; i++) {
    const isUser = i % 2 === 0;
    const metadata = caused(loop, cause);
    const data = isUser ? { userId: "ada", name: `Ada ${i}` } : { userId: "ada", displayName: `Ada ${i}` };
    await store.appendToStream(isUser ? "user-ada" : "profile-ada", [{ type: isUser ? "UserUpdated" : "ProfileUpdated", data, metadata }]);
    cause = metadata.messageId;
  }
}

/** As scripts/e2e-server.ts writes them, plus the source store's owner URL (the specs write to it as its own clients do) and the loop's correlation. */
async function writeCredentials(file: string, app: Awaited<ReturnType<typeof boot>>, extra: Record<string, string>): Promise<void> {
  const { createApiToken } = await import("../lib/auth/api-tokens");
  const { findUserForSignIn } = await import("../lib/auth/users");
  const { SCOPES } = await import("../lib/auth/permissions");
  const admin = await findUserForSignIn("admin@hindsight.local");
  if (!admin) throw new Error("the demo admin is missing");
  const { token } = await createApiToken({ name: "e2e", scopes: SCOPES, ownerId: admin.id, actor: { id: "system:e2e", label: "e2e source server" } });
  const body = { users: app.demoUsers, token, databaseUrl: app.databaseUrl, ownerDatabaseUrl: process.env.DATABASE_MIGRATE_URL, ...extra };
  fs.writeFileSync(file, JSON.stringify(body, null, 2), { mode: 0o600 });
}

main().catch((e) => {
  console.error(`[e2e-source-server] failed to start: ${describeStartError(e)}`);
  process.exit(1);
});

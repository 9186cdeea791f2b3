import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startCluster, type EmbeddedCluster } from "../embedded-postgres";
import { ensureRoles } from "../db-roles";
import { runOwnerStep } from "../db-owner-step";

export const TEMPLATE_DB = "hindsight_template";

declare module "vitest" {
  export interface ProvidedContext {
    clusterUrl: string;
    /** The template database as the owner and as the runtime role (fresh-database.ts points them at each copy). */
    ownerUrl: string;
    runtimeUrl: string;
  }
}

let cluster: EmbeddedCluster | undefined;
let dir: string | undefined;

/**
 * One real PostgreSQL for the integration tests, with the migrated schema kept as a template
 * database: each test file then gets a fresh copy in milliseconds (lib/testing/fresh-database.ts).
 */
export async function setup(project: TestProject): Promise<void> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-test-pg-"));
  const port = await freePort();
  cluster = await startCluster({ dir, port });
  // The same two roles as the embedded default: tests run the app as the runtime role, so a DDL at run time fails here.
  const roles = await ensureRoles({
    superuserUrl: cluster.url("postgres"),
    database: TEMPLATE_DB,
    ownerPassword: randomBytes(12).toString("hex"),
    runtimePassword: randomBytes(12).toString("hex"),
  });
  await runOwnerStep(roles);
  project.provide("clusterUrl", cluster.url("postgres"));
  project.provide("ownerUrl", roles.ownerUrl);
  project.provide("runtimeUrl", roles.runtimeUrl);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startCluster, type EmbeddedCluster } from "../embedded-postgres";
import { migrate } from "../migrate";

export const TEMPLATE_DB = "hindsight_template";

declare module "vitest" {
  export interface ProvidedContext {
    clusterUrl: string;
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
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrate(cluster.url(TEMPLATE_DB));
  project.provide("clusterUrl", cluster.url("postgres"));
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

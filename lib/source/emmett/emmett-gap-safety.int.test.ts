import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dumbo } from "@event-driven-io/dumbo";
import { appendToStream } from "@event-driven-io/emmett-postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type EmbeddedCluster } from "../../embedded-postgres";
import { freePort } from "../../testing/global-setup";
import { createEmmettStore, type EmmettStore } from "../../testing/emmett-store";
import type { EventSource, SourceEvent } from "../contract";
import { openEmmettSource } from ".";

// The Emmett source never skips an event whatever order writers commit in. The snapshot xmin is
// cluster-wide (a held transaction stalls readers of every database), so this file runs the
// Emmett store on its own PostgreSQL instead of the shared test cluster.

let cluster: EmbeddedCluster | undefined;
let dir: string | undefined;
let emt: EmmettStore;
let source: EventSource;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-emt-gap-"));
  cluster = await startCluster({ dir, port: await freePort() });
  emt = await createEmmettStore(cluster.url("postgres"));
  source = openEmmettSource({ url: emt.readerUrl, schema: null });
}, 120_000);

afterAll(async () => {
  await source?.close();
  await emt?.drop();
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("gap safety over Emmett, with a writer holding its transaction open", () => {
  it("holds back a later commit until the earlier writer commits, then hands out both in log order", async () => {
    const seen: SourceEvent[] = [];
    let cursor: string | null = null;
    const poll = async () => {
      const page = await source.readLog(cursor, { limit: 100 });
      seen.push(...page.events);
      cursor = page.cursor;
      return page.events.map((e) => e.streamId);
    };

    // Writer A appends through emmett's own appendToStream and stops before its commit.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const entered = new Promise<void>((r) => (inside = r));
    const pool = dumbo({ connectionString: emt.ownerUrl });
    const held = appendToStream(pool, "order-held", "order", [{ type: "OrderPlaced", data: { orderId: "held" }, kind: "Event" }], {
      beforeCommitHook: async () => {
        inside();
        await gate;
      },
    });
    await entered;
    // Writer B takes a later global position and commits first: a reader by global position alone would read it and skip A.
    await emt.store.appendToStream("order-late", [{ type: "OrderPlaced", data: { orderId: "late" } }]);

    expect(await poll()).toEqual([]);
    release();
    await held;
    await pool.close();
    expect(await poll()).toEqual(["order-held", "order-late"]);
    expect(seen[0].globalPosition).toBeLessThan(seen[1].globalPosition);
    expect(await poll()).toEqual([]);
  });
});

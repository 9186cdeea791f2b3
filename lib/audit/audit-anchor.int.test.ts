import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateKeyPairSync } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { anchorStore, type AnchorStore } from "../archive/anchor-store";
import { filesystemStore } from "../archive/archive-store";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { systemActor } from "./actor";
import { appendAudit, AT_UTC } from "./append-audit";
import { loadAnchorKeys } from "./anchor-key";
import { signAnchor } from "./audit-anchor";
import { auditHash, GENESIS_HASH } from "./audit-hash";
import { verifyAuditChain } from "./verify-audit-chain";
import { writeAuditAnchor } from "./write-audit-anchor";
import { withAppAsOwner } from "../testing/owner-db";

// The chain held against signed anchors outside the database: what someone who owns the table
// (and can switch its append-only trigger off) can no longer hide.

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const keys = loadAnchorKeys({ HINDSIGHT_DATA_DIR: tmp() });
const actor = systemActor("anchor-test");

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "hs-anchors-"));
  dirs.push(d);
  return d;
}

function freshStore(): { store: AnchorStore; dir: string } {
  const dir = tmp();
  return { store: anchorStore(filesystemStore(dir)), dir };
}

async function append(n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push((await inTransaction((c) => appendAudit(c, { actor, action: "test.anchored", details: { i } }))).id);
  return ids;
}

/** As the table's owner: the trigger is switched off, the change made, the trigger switched on. */
async function asOwner(fn: () => Promise<unknown>): Promise<void> {
  await withAppAsOwner(async () => {
    await getPool().query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
    try {
      await fn();
    } finally {
      await getPool().query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
    }
  });
}

const verify = (store: AnchorStore) => verifyAuditChain({ anchors: store, publicKeyPem: keys.publicKeyPem });

describe("audit anchors", () => {
  it("writes a signed anchor of the head under anchors/ in the archive directory, and verify counts it", async () => {
    const ids = await append(3);
    const { store, dir } = freshStore();
    const { anchor, key } = await writeAuditAnchor({ store, keys });
    expect(key.startsWith("anchors/")).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, key), "utf8"))).toEqual(anchor);
    expect(anchor.headId).toBe(ids[2]);
    expect(await verify(store)).toMatchObject({ ok: true, anchors: { checked: 1, unverified: 0 } });
  });

  it("given the newest entries deleted by the owner, then verify names the truncation that the chain alone cannot show", async () => {
    const ids = await append(4);
    const { store } = freshStore();
    await writeAuditAnchor({ store, keys });
    await asOwner(() => getPool().query("DELETE FROM audit_log WHERE id >= $1", [ids[2]]));
    // Without anchors the shortened chain is perfectly consistent.
    expect(await verify(freshStore().store)).toMatchObject({ ok: true });
    const verdict = await verify(store);
    expect(verdict).toMatchObject({ ok: false, reason: "truncated", brokenAt: ids[2] });
    expect(verdict.ok ? "" : verdict.message).toContain(`#${ids[3]}`);
  });

  it("given the whole chain rewritten consistently, then verify names the mismatch with the anchor", async () => {
    const ids = await append(3);
    const { store } = freshStore();
    await writeAuditAnchor({ store, keys });
    await asOwner(() => rewriteWholeChain());
    expect(await verify(freshStore().store)).toMatchObject({ ok: true });
    const verdict = await verify(store);
    expect(verdict).toMatchObject({ ok: false, reason: "anchor_mismatch", brokenAt: ids[2] });
  });

  it("sets aside an anchor signed by another key instead of trusting it", async () => {
    const [id] = await append(1);
    const { store } = freshStore();
    const stranger = generateKeyPairSync("ed25519").privateKey;
    await store.write(signAnchor({ id: id + 1000, hash: "ff".repeat(32) }, new Date().toISOString(), stranger));
    expect(await verify(store)).toMatchObject({ ok: true, anchors: { checked: 0, unverified: 1 } });
  });
});

// Changes every entry's actor label and recomputes every hash and link, as a careful forger would.
async function rewriteWholeChain(): Promise<void> {
  const { rows } = await getPool().query(
    `SELECT id, ${AT_UTC} AS at, actor_id, actor_label, action, target, ip, user_agent, details FROM audit_log ORDER BY id`,
  );
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const label = `${r.actor_label} (rewritten)`;
    const hash = auditHash(prev, { at: r.at, actorId: r.actor_id, actorLabel: label, action: r.action, target: r.target, ip: r.ip, userAgent: r.user_agent, details: r.details });
    await getPool().query("UPDATE audit_log SET actor_label = $2, prev_hash = $3, hash = $4 WHERE id = $1", [r.id, label, prev, hash]);
    prev = hash;
  }
}

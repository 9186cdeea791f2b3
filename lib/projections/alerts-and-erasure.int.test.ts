import { describe, expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { projectionLagKind, rebuildFailedKind } from "./alert-kinds";
import { buildInline } from "./build-inline";
import { projectionRowsScanner } from "./erasure-scanner";
import { refreshSubjectRows } from "./refresh-subject-rows";
import { startRebuild } from "./start-rebuild";

const actor = systemActor("test");
const now = new Date();

describe("alert kinds", () => {
  it("projection lag fires above the events threshold and not below, and rebuild failed names the failed version", async () => {
    await appendToStream({ streamId: "account-1", events: [{ type: "AccountOpened", data: { accountId: "1", ownerId: "u1", currency: "EUR" } }] });
    await buildInline((await startRebuild({ name: "account-balances", codeVersion: 1, partitions: 1, actor })).versionId);
    const params = (p: object) => projectionLagKind.params.parse(p);
    expect(await projectionLagKind.evaluate({ db: getPool(), now, params: params({ maxEvents: 0, maxSeconds: 3600 }) })).toEqual([]);

    await appendToStream({ streamId: "account-1", events: [1, 2, 3].map((n) => ({ type: "FundsDeposited", data: { accountId: "1", amount: n } })) });
    const lagging = await projectionLagKind.evaluate({ db: getPool(), now, params: params({ projection: "account-balances", maxEvents: 2, maxSeconds: 3600 }) });
    expect(lagging).toMatchObject([{ key: "projection:account-balances", details: { lagEvents: 3 }, href: "/projections/account-balances" }]);
    expect(await projectionLagKind.evaluate({ db: getPool(), now, params: params({ maxEvents: 3, maxSeconds: 3600 }) })).toEqual([]);
    expect(await projectionLagKind.evaluate({ db: getPool(), now, params: params({ projection: "order-totals", maxEvents: 0, maxSeconds: 0 }) })).toEqual([]);

    expect(await rebuildFailedKind.evaluate({ db: getPool(), now, params: rebuildFailedKind.params.parse({}) })).toEqual([]);
    const { versionId } = await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 1, actor });
    await getPool().query("UPDATE projection_versions SET status = 'failed', error = 'partition 0: FundsDeposited …: boom' WHERE id = $1", [versionId]);
    const failed = await rebuildFailedKind.evaluate({ db: getPool(), now, params: rebuildFailedKind.params.parse({ projection: "" }) });
    expect(failed).toMatchObject([{ key: `projection:account-balances:${versionId}`, summary: expect.stringContaining("boom") }]);
  });
});

describe("projection rows as an erasure source", () => {
  it("discovers the subject's directory row, counts its envelopes, finds no plaintext, and refreshes the row from the events", async () => {
    const email = "ada.lovelace@example.com";
    await appendToStream({ streamId: "user-ada_1", events: [{ type: "UserRegistered", data: { userId: "ada_1", email, name: "Ada Lovelace", country: "GB" } }] });
    await appendToStream({ streamId: "user-adax1", events: [{ type: "UserRegistered", data: { userId: "adax1", email: "x@example.com", name: "Someone Else", country: "FR" } }] });
    const { versionId } = await startRebuild({ name: "user-directory", codeVersion: 1, partitions: 1, actor });
    await buildInline(versionId);
    const db = getPool();

    expect(await projectionRowsScanner.discover({ db, subjectId: "ada_1" })).toEqual([
      { source: "projection rows", label: `user-directory v1 (#${versionId})`, count: 1, href: "/projections/user-directory" },
    ]);
    expect(await projectionRowsScanner.checkEnvelopes({ db, subjectId: "ada_1" })).toEqual({ envelopes: 2, decryptable: 2 });
    expect((await projectionRowsScanner.scanPlaintext({ db, needles: [email, "Ada Lovelace"] })).hits).toEqual([]);

    // A row someone wrote in clear is found.
    await db.query(`UPDATE projection_rows SET state = jsonb_set(state, '{bio}', to_jsonb($2::text)) WHERE version_id = $1 AND key = 'adax1'`, [versionId, `contact ${email.toUpperCase()}`]);
    expect((await projectionRowsScanner.scanPlaintext({ db, needles: [email] })).hits).toEqual([{ source: "projection rows", where: `user-directory #${versionId} key adax1` }]);

    // Refresh re-folds the subject's row from the events.
    const before = (await db.query("SELECT state::text AS s FROM projection_rows WHERE version_id = $1 AND key = 'ada_1'", [versionId])).rows[0].s;
    await db.query("UPDATE projection_rows SET state = jsonb_set(state, '{updates}', '999') WHERE version_id = $1 AND key = 'ada_1'", [versionId]);
    expect(await refreshSubjectRows({ subjectId: "ada_1" })).toEqual({ versions: 1, keys: 1 });
    expect((await db.query("SELECT state::text AS s FROM projection_rows WHERE version_id = $1 AND key = 'ada_1'", [versionId])).rows[0].s).toBe(before);
  });
});

import { expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { buildInline } from "./build-inline";
import { getProjection } from "./get-projection";
import { startDrill } from "./start-drill";
import { startRebuild } from "./start-rebuild";

it("a recovery drill rebuilds the live version into a scratch version, is timed, and is discarded", async () => {
  const actor = systemActor("test");
  for (let n = 0; n < 12; n++) {
    await appendToStream({ streamId: `account-${n}`, events: [{ type: "AccountOpened", data: { accountId: String(n), ownerId: "u", currency: "EUR" } }, { type: "FundsDeposited", data: { accountId: String(n), amount: 5 } }] });
  }
  await buildInline((await startRebuild({ name: "account-balances", codeVersion: 1, partitions: 1, actor })).versionId);

  const drill = await startDrill({ name: "account-balances", partitions: 3, actor });
  await expect(startDrill({ name: "account-balances", partitions: 1, actor })).rejects.toThrow(/already running/);
  await buildInline(drill.versionId);

  const { rows } = await getPool().query("SELECT code_version, partitions, events, status, seconds FROM projection_drills WHERE version_id = $1", [drill.versionId]);
  expect(rows[0]).toMatchObject({ code_version: 1, partitions: 3, events: 24, status: "completed" });
  expect(rows[0].seconds).toBeGreaterThan(0);
  const v = await getPool().query("SELECT status FROM projection_versions WHERE id = $1", [drill.versionId]);
  expect(v.rows[0].status).toBe("discarded");
  expect((await getPool().query("SELECT to_regclass($1) AS t", [`projection_rows_v${drill.versionId}`])).rows[0].t).toBeNull();
  const detail = await getProjection("account-balances");
  expect(detail!.drills).toMatchObject([{ codeVersion: 1, partitions: 3, events: 24, status: "completed" }]);
  expect(detail!.versions.map((x) => x.status)).toEqual(["live"]); // the scratch version is gone
});

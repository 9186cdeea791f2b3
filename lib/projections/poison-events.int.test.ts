import { expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { buildInline, followUntilCaughtUp } from "./build-inline";
import { defineProjection } from "./projection";
import { projectionRegistry } from "./registry";
import { resolveParked } from "./resolve-parked";
import { startRebuild } from "./start-rebuild";

// A projection that fails on any event flagged "bad" (a bug in evolve, as ops would meet it).
projectionRegistry().add(
  defineProjection<{ n: number }>({
    name: "poison-test",
    version: 1,
    title: "Poison test",
    changes: "",
    categories: ["gizmo"],
    accepts: [{ type: "GizmoNoted", versions: [1] }],
    upcast: true,
    key: (e) => e.streamId,
    keyFromStreamIdOnly: true,
    initialState: () => ({ n: 0 }),
    evolve(state, e) {
      if (e.data.bad) throw new Error("cannot read a bad gizmo");
      return { n: state.n + Number(e.data.n) };
    },
  }),
);

const note = (n: number, bad = false) => appendToStream({ streamId: "gizmo-1", events: [{ type: "GizmoNoted", data: { n, bad } }] });

async function version() {
  const { rows } = await getPool().query("SELECT status, parked_event_id, parked_error, skipped_events::text[] AS skipped FROM projection_versions WHERE name = 'poison-test'");
  return rows[0];
}

it("parks a live projection on a failing event, then retries and skips it (audited)", async () => {
  await note(1);
  const { versionId } = await startRebuild({ name: "poison-test", codeVersion: 1, partitions: 1, actor: systemActor("test") });
  await buildInline(versionId);
  expect((await version()).status).toBe("live");

  const bad = (await note(10, true)).events[0].eventId;
  await note(100);
  await followUntilCaughtUp(versionId);
  expect(await version()).toMatchObject({ status: "live", parked_event_id: bad, parked_error: expect.stringContaining("cannot read a bad gizmo") });
  const state = async () => (await getPool().query("SELECT state FROM projection_rows WHERE version_id = $1", [versionId])).rows[0].state;
  expect(await state()).toEqual({ n: 1 }); // nothing of the failed batch was applied

  await resolveParked({ name: "poison-test", versionId, op: "retry", actor: systemActor("test") });
  await followUntilCaughtUp(versionId);
  expect((await version()).parked_event_id).toBe(bad); // still failing: parked again

  await resolveParked({ name: "poison-test", versionId, op: "skip", actor: systemActor("test") });
  await followUntilCaughtUp(versionId);
  expect(await version()).toMatchObject({ parked_event_id: null, skipped: [bad] });
  expect(await state()).toEqual({ n: 101 });
  const audit = await getPool().query("SELECT action, details->>'eventId' AS event FROM audit_log WHERE target = 'projection:poison-test' AND action LIKE 'projection.event_%' ORDER BY id");
  expect(audit.rows).toEqual([{ action: "projection.event_retried", event: bad }, { action: "projection.event_skipped", event: bad }]);
});

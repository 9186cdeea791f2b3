import { expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { destroySubjectKey } from "../compliance/execute-erasure";
import { ERASED, MASKED } from "../schema/pii";
import { appendToStream } from "../store/append-to-stream";
import { apiRequest, seedUser, sessionCookie } from "../testing/auth-fixtures";
import { text } from "../stream-state/reducer";
import { buildInline } from "./build-inline";
import type { VersionDiff } from "./diff-versions";
import { defineProjection } from "./projection";
import { projectionRegistry } from "./registry";
import { startRebuild } from "./start-rebuild";
import { GET as getDiff } from "../../app/api/v1/projections/[name]/diff/route";
import type { Role } from "../auth/permissions";

// A directory whose v2 adds the name: every key changes, and its rows and changes carry envelopes.
type Entry = { userId: string; email: unknown; name?: unknown };
const base = {
  name: "pii-view-test",
  title: "PII view test",
  changes: "",
  categories: ["user"],
  accepts: [{ type: "UserRegistered", versions: [1] }],
  upcast: true,
  key: (e: { data: Record<string, unknown> }) => text(e.data, "userId"),
  keyFromStreamIdOnly: false,
};
projectionRegistry().add(defineProjection<Entry>({ ...base, version: 1, initialState: (key) => ({ userId: key, email: null }), evolve: (s, e) => ({ ...s, email: e.data.email ?? null }) }));
projectionRegistry().add(
  defineProjection<Entry>({ ...base, version: 2, initialState: (key) => ({ userId: key, email: null, name: null }), evolve: (s, e) => ({ ...s, email: e.data.email ?? null, name: e.data.name ?? null }) }),
);

const people = {
  ada: { userId: "pv_ada", email: "ada@example.org", name: "Ada Lovelace" },
  bob: { userId: "pv_bob", email: "bob@example.org", name: "Bob Example" },
};

async function diffAs(role: Role): Promise<{ body: string; diff: VersionDiff }> {
  const { user } = await seedUser({ role });
  const res = await getDiff(apiRequest("/api/v1/projections/pii-view-test/diff?limit=50", { cookie: await sessionCookie(user) }), { params: Promise.resolve({ name: "pii-view-test" }) });
  expect(res.status).toBe(200);
  const body = await res.text();
  return { body, diff: (JSON.parse(body) as { diff: VersionDiff }).diff };
}

function entry(diff: VersionDiff, key: string) {
  const row = diff.rows.find((r) => r.key === key)!;
  return { blue: row.blue, green: row.green, changes: row.changes.map((c) => ({ path: c.path, before: c.before, after: c.after })) };
}

it("renders projection rows in the diff API per caller: [masked] for a viewer, clear with pii.read, [erased] once the key is destroyed", async () => {
  for (const p of Object.values(people)) await appendToStream({ streamId: `user-${p.userId}`, events: [{ type: "UserRegistered", data: { ...p, country: "GB" } }] });
  const actor = systemActor("test");
  await buildInline((await startRebuild({ name: "pii-view-test", codeVersion: 1, partitions: 1, actor })).versionId);
  await buildInline((await startRebuild({ name: "pii-view-test", codeVersion: 2, partitions: 1, actor })).versionId);

  const viewer = await diffAs("viewer");
  expect(viewer.diff.counts).toEqual({ added: 0, removed: 0, changed: 2 });
  expect(viewer.body).not.toContain("$pii");
  expect(entry(viewer.diff, "pv_ada")).toEqual({
    blue: { userId: "pv_ada", email: MASKED },
    green: { userId: "pv_ada", email: MASKED, name: MASKED },
    changes: [{ path: "name", after: MASKED }],
  });

  for (const role of ["support", "compliance"] as const) {
    const clear = await diffAs(role);
    expect(clear.body).not.toContain("$pii");
    for (const p of Object.values(people)) {
      expect(entry(clear.diff, p.userId)).toEqual({
        blue: { userId: p.userId, email: p.email },
        green: { userId: p.userId, email: p.email, name: p.name },
        changes: [{ path: "name", after: p.name }],
      });
    }
  }

  await destroySubjectKey({ id: "test", subjectId: people.ada.userId }, actor);
  const after = await diffAs("support");
  expect(after.body).not.toContain("$pii");
  expect(after.body).not.toContain(people.ada.email);
  expect(entry(after.diff, "pv_ada")).toEqual({
    blue: { userId: "pv_ada", email: ERASED },
    green: { userId: "pv_ada", email: ERASED, name: ERASED },
    changes: [{ path: "name", after: ERASED }],
  });
  expect(entry(after.diff, "pv_bob").green).toEqual({ userId: "pv_bob", email: people.bob.email, name: people.bob.name });
  expect(entry((await diffAs("viewer")).diff, "pv_ada").green).toEqual({ userId: "pv_ada", email: ERASED, name: ERASED });
});

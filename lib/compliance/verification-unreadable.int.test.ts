import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { saveArchivePolicy } from "../archive/archive-policies";
import { readArchivedRows } from "../archive/read-archived";
import { runArchivePolicy } from "../archive/run-archive-policy";
import { appendToStream } from "../store/append-to-stream";
import { apiRequest, createTestToken, seedUser } from "../testing/auth-fixtures";
import { refusalOf, unique } from "../testing/expectations";
import { approveErasure } from "./approve-erasure";
import { createErasureRequest } from "./create-erasure-request";
import { executeErasure } from "./execute-erasure";
import { retryVerification } from "./retry-verification";
import { verifyErasure } from "./verify-erasure";
import { GET as oneRoute } from "../../app/api/v1/erasure-requests/[id]/route";
import { setEnv } from "../env";

// The probe: a sweep deleted a segment, and an approved erasure then sat in "Verifying" for 14
// minutes without a word. A segment that cannot be read fails the verification, naming it; once
// it is back, a retry completes.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-verify-missing-"));
setEnv({ HINDSIGHT_ARCHIVE_DIR: dir });

const person = async () => {
  const u = (await seedUser({ role: "compliance" })).user;
  return { id: u.id, label: u.email };
};

describe("a segment missing during verification", () => {
  it("fails the request naming the segment, in the API too; restored and retried, it completes", async () => {
    const category = `usr${unique()}`;
    const subjectId = `u${unique()}`;
    const streamId = `${category}-${subjectId}`;
    const start = Date.now() - 20 * 86_400_000;
    const events = [
      { type: "UserRegistered", data: { userId: subjectId, email: `${subjectId}@example.org`, name: `Ann ${subjectId}`, country: "DE" } },
      ...Array.from({ length: 5 }, (_, i) => ({ type: "UserUpdated", data: { userId: subjectId, name: `Ann ${i}`, source: `s${i}` } })),
    ];
    await appendToStream({ streamId, events, recordedAt: events.map((_, i) => new Date(start + i * 1000).toISOString()) });
    await saveArchivePolicy({ category, olderThanDays: 7, historyOnly: true, enabled: true, actor: systemActor("test") });
    expect(await runArchivePolicy({ category })).toMatchObject({ status: "succeeded", events: 6 });
    const { rows } = await getPool().query<{ object_key: string }>("SELECT object_key FROM archive_segments WHERE category = $1", [category]);
    const key = rows[0].object_key;

    const [clara, chidi] = [await person(), await person()];
    const request = await createErasureRequest({ subjectId, reason: "Art. 17", knownValues: [`${subjectId}@example.org`], actor: clara });
    await approveErasure({ requestId: request.id, actor: chidi });
    expect((await executeErasure({ requestId: request.id })).outcome).toBe("executed");

    fs.renameSync(path.join(dir, key), path.join(dir, `${key}.away`));
    await expect(readArchivedRows({ streamId })).rejects.toThrow(key);
    const failed = await verifyErasure({ requestId: request.id });
    expect(failed.outcome).toBe("failed");
    expect(failed.request.status).toBe("failed");
    expect(failed.request.failure).toContain(key);
    expect(failed.request.verification?.error).toContain(key);

    const { token } = await createTestToken({ scopes: ["erasure:write"], ownerRole: "compliance" });
    const res = await oneRoute(apiRequest(`/api/v1/erasure-requests/${request.id}`, { token }), { params: Promise.resolve({ id: request.id }) });
    const body = (await res.json()) as { status: string; failure: string };
    expect(body.status).toBe("failed");
    expect(body.failure).toContain(key);

    fs.renameSync(path.join(dir, `${key}.away`), path.join(dir, key));
    const retried = await retryVerification({ requestId: request.id, actor: chidi });
    expect(retried).toMatchObject({ status: "verifying", failure: null });
    const audit = await getPool().query<{ actor_id: string; details: { retry?: boolean; previousFailure?: string } }>(
      "SELECT actor_id, details FROM audit_log WHERE target = $1 AND action = 'erasure.verifying' ORDER BY id DESC LIMIT 1",
      [`erasure-request:${request.id}`],
    );
    expect(audit.rows[0]).toMatchObject({ actor_id: chidi.id, details: { retry: true } });
    expect(audit.rows[0].details.previousFailure).toContain(key);

    const done = await verifyErasure({ requestId: request.id });
    expect(done.outcome).toBe("completed");
    expect((await refusalOf(retryVerification({ requestId: request.id, actor: chidi }))).code).toBe("conflict");
  });
});

import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { apiRequest, createTestToken, seedUser } from "../testing/auth-fixtures";
import { refusalOf, unique } from "../testing/expectations";
import { isSamePerson } from "../auth/person-of";
import { approveErasure } from "./approve-erasure";
import { createErasureRequest } from "./create-erasure-request";
import { POST as createRoute } from "../../app/api/v1/erasure-requests/route";

// The probe: an admin made an erasure request with their own API token, then approved it in the
// UI, and the check compared the approver with `token:<id>`. Four eyes bind to people.

async function givenSubject(): Promise<string> {
  const id = `u${unique()}`;
  await appendToStream({ streamId: `user-${id}`, events: [{ type: "UserRegistered", data: { userId: id, email: `${id}@example.org`, name: `N ${id}`, country: "FR" } }] });
  return id;
}

describe("four eyes with API tokens", () => {
  it("a request made with a token is its owner's: the owner cannot approve it in the UI; someone else can; the audit names token and person", async () => {
    const owner = (await seedUser({ role: "admin" })).user;
    const name = `ci-${unique()}`;
    const { token, tokenId } = await createTestToken({ scopes: ["erasure:write"], owner, name });
    const subjectId = await givenSubject();
    const res = await createRoute(apiRequest("/api/v1/erasure-requests", { method: "POST", token, body: { subjectId, reason: "forget me" } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const refused = await refusalOf(approveErasure({ requestId: id, actor: { id: owner.id, label: owner.email } }));
    expect(refused.code).toBe("forbidden");
    expect(refused.details).toMatchObject({ reason: "self_approval" });

    const { rows } = await getPool().query<{ actor_id: string; actor_label: string }>(
      "SELECT actor_id, actor_label FROM audit_log WHERE target = $1 AND action = 'erasure.received'",
      [`erasure-request:${id}`],
    );
    expect(rows).toEqual([{ actor_id: owner.id, actor_label: `token ${name} of user ${owner.email}` }]);
    expect(tokenId).toBeTruthy();

    const other = (await seedUser({ role: "compliance" })).user;
    expect(await approveErasure({ requestId: id, actor: { id: other.id, label: other.email } })).toMatchObject({ status: "approved", approvedBy: other.id });
  });

  it("a request recorded by release 0.1.0 under `token:<id>` is still its owner's", async () => {
    const owner = (await seedUser({ role: "admin" })).user;
    const { tokenId } = await createTestToken({ scopes: ["erasure:write"], owner });
    const r = await createErasureRequest({ subjectId: await givenSubject(), reason: "forget me", actor: { id: `token:${tokenId}`, label: "token old" } });
    expect((await refusalOf(approveErasure({ requestId: r.id, actor: { id: owner.id, label: owner.email } }))).details).toMatchObject({ reason: "self_approval" });
    // The request page tells the owner it is theirs too.
    expect(await isSamePerson(r.requestedBy, owner.id)).toBe(true);
    expect(await isSamePerson(r.requestedBy, (await seedUser({ role: "compliance" })).user.id)).toBe(false);
  });
});

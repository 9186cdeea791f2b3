import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sealValue } from "../schema/envelope";
import { envelopePrefix, jsonNeedles, tallyEnvelopes } from "./envelope-proof";
import { canMove, dueUrgency, ERASURE_STATES, isOpen, OPEN_STATES, TRANSITIONS } from "./erasure-states";

describe("erasure request states", () => {
  it("follow DESIGN.md: received → discovering → awaiting approval or blocked → approved → executing → verifying → completed", () => {
    const path = ["received", "discovering", "awaiting_approval", "approved", "executing", "verifying", "completed"] as const;
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1], path[i]), `${path[i - 1]} → ${path[i]}`).toBe(true);
    expect(canMove("discovering", "blocked_by_hold")).toBe(true);
    expect(canMove("blocked_by_hold", "awaiting_approval")).toBe(true);
  });

  it("never skip approval, never leave a final state, and only reach executing from approved", () => {
    expect(canMove("awaiting_approval", "executing")).toBe(false);
    expect(canMove("blocked_by_hold", "approved")).toBe(false);
    for (const s of ERASURE_STATES) if (s !== "approved") expect(canMove(s, "executing")).toBe(false);
    for (const s of ["completed", "rejected", "failed"] as const) {
      expect(TRANSITIONS[s]).toEqual([]);
      expect(isOpen(s)).toBe(false);
    }
    expect(OPEN_STATES).toHaveLength(7);
  });

  it("let a failed verification run again, and nothing else leave a closed state", () => {
    expect(canMove("failed", "verifying")).toBe(true);
    for (const to of ERASURE_STATES) if (to !== "verifying") expect(canMove("failed", to), `failed → ${to}`).toBe(false);
    for (const to of ERASURE_STATES) expect(canMove("completed", to)).toBe(false);
    expect(isOpen("failed")).toBe(false);
  });

  it("mark a due date overdue, soon (within 7 days) or neither; closed requests are never urgent", () => {
    const now = Date.parse("2026-11-26T12:00:00Z");
    expect(dueUrgency("2026-11-25T12:00:00Z", true, now)).toBe("overdue");
    expect(dueUrgency("2026-11-30T12:00:00Z", true, now)).toBe("soon");
    expect(dueUrgency("2026-12-20T12:00:00Z", true, now)).toBeNull();
    expect(dueUrgency("2026-11-25T12:00:00Z", false, now)).toBeNull();
  });
});

describe("the envelope proof", () => {
  it("counts only the subject's envelopes, and how many open with the key it is given", () => {
    const key = randomBytes(32);
    const doc = { a: sealValue("x@example.org", "s1", "k1", key), b: [sealValue("y", "s1", "k1", key), sealValue("z", "s2", "k9", key)], c: "plain" };
    const withKey = { envelopes: 0, decryptable: 0 };
    tallyEnvelopes(doc, "s1", { keyId: "k1", key }, withKey);
    expect(withKey).toEqual({ envelopes: 2, decryptable: 2 });
    const wrongKey = { envelopes: 0, decryptable: 0 };
    tallyEnvelopes(doc, "s1", { keyId: "k1", key: randomBytes(32) }, wrongKey);
    expect(wrongKey).toEqual({ envelopes: 2, decryptable: 0 });
    const destroyed = { envelopes: 0, decryptable: 0 };
    tallyEnvelopes(doc, "s1", null, destroyed);
    expect(destroyed).toEqual({ envelopes: 2, decryptable: 0 });
  });

  it("searches jsonb text as PostgreSQL prints it: lower-cased, JSON-escaped needles; envelopes by their subject prefix", () => {
    expect(jsonNeedles([" Ann@Example.org ", "ann@example.org", 'say "hi"', " "])).toEqual(["ann@example.org", 'say \\"hi\\"']);
    expect(JSON.stringify({ $pii: "u1:k:iv:ct:tag" }).replace(":", ": ")).toContain(envelopePrefix("u1"));
  });
});

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { AppError } from "../errors";
import { appendToStream, type AppendResult, type ExpectedVersion, type NewEvent } from "./append-to-stream";
import { readStream } from "./read-stream";
import { refusalOf, unique } from "../testing/expectations";
import { openTransaction, untilBlocked } from "../testing/held-transactions";
import { flushRefusalCounts } from "./count-refusal";

// Invariant 1: an expectedVersion mismatch writes nothing; of writers racing on one version, exactly one wins.

const paid = (orderId: string, amount = 10): NewEvent => ({ type: "OrderPaid", data: { orderId, amount, method: "card" } });


/** What a user checks after an append: the stream row and the events actually stored. */
async function storedState(streamId: string) {
  const { rows } = await getPool().query<{ version: number | null; event_count: number | null; events: number; ids: string[] }>(
    `SELECT s.version, s.event_count, (SELECT count(*)::int FROM events WHERE stream_id = $1) AS events,
            (SELECT coalesce(array_agg(event_id::text ORDER BY stream_version), '{}') FROM events WHERE stream_id = $1) AS ids
       FROM (SELECT 1) one LEFT JOIN streams s ON s.stream_id = $1`,
    [streamId],
  );
  return rows[0];
}

async function givenStreamAt(version: number, streamId = `order-${unique()}`): Promise<string> {
  if (version > 0) await appendToStream({ streamId, events: Array.from({ length: version }, () => paid(streamId)) });
  return streamId;
}

describe("expectedVersion semantics", () => {
  it("given a stream at version 3, when appending with expectedVersion 2, then version_conflict names both versions and nothing is written", async () => {
    const streamId = await givenStreamAt(3);
    const before = await storedState(streamId);
    const intruder = randomUUID();

    const err = await refusalOf(appendToStream({ streamId, expectedVersion: 2, events: [{ ...paid(streamId), eventId: intruder }] }));

    expect(err.code).toBe("version_conflict");
    expect(err.status).toBe(409);
    expect(err.details).toMatchObject({ streamId, expectedVersion: 2, actualVersion: 3 });
    const after = await storedState(streamId);
    expect(after).toEqual(before);
    expect(after.version).toBe(3);
    expect(after.ids).not.toContain(intruder);
    const { rowCount } = await getPool().query("SELECT 1 FROM events WHERE event_id = $1", [intruder]);
    expect(rowCount).toBe(0);
  });

  it("given a stream at version 3, when appending with an expectedVersion ahead of it, then version_conflict and nothing is written", async () => {
    const streamId = await givenStreamAt(3);
    const err = await refusalOf(appendToStream({ streamId, expectedVersion: 7, events: [paid(streamId)] }));
    expect(err.details).toMatchObject({ expectedVersion: 7, actualVersion: 3 });
    expect((await storedState(streamId)).events).toBe(3);
  });

  it("given a stream at version 3, when appending with expectedVersion 3, then the events get versions 4 and 5", async () => {
    const streamId = await givenStreamAt(3);
    const r = await appendToStream({ streamId, expectedVersion: 3, events: [paid(streamId), paid(streamId)] });
    expect(r).toMatchObject({ streamId, fromVersion: 4, toVersion: 5 });
    expect(r.events.map((e) => e.streamVersion)).toEqual([4, 5]);
    const state = await storedState(streamId);
    expect(state).toMatchObject({ version: 5, event_count: 5, events: 5 });
  });

  it("given no stream, when appending with no_stream or expectedVersion 0, then the stream is created at version 1", async () => {
    const a = await appendToStream({ streamId: `order-${unique()}`, expectedVersion: "no_stream", events: [paid("a")] });
    const b = await appendToStream({ streamId: `order-${unique()}`, expectedVersion: 0, events: [paid("b")] });
    expect([a.fromVersion, a.toVersion, b.fromVersion, b.toVersion]).toEqual([1, 1, 1, 1]);
  });

  it("given an existing stream, when appending with no_stream, then version_conflict with actualVersion and nothing is written", async () => {
    const streamId = await givenStreamAt(2);
    const err = await refusalOf(appendToStream({ streamId, expectedVersion: "no_stream", events: [paid(streamId)] }));
    expect(err.code).toBe("version_conflict");
    expect(err.details).toMatchObject({ expectedVersion: "no_stream", actualVersion: 2 });
    expect((await storedState(streamId)).events).toBe(2);
  });

  it("given no stream, when appending with exists, then version_conflict with actualVersion 0 and no stream is created", async () => {
    const streamId = `order-${unique()}`;
    const err = await refusalOf(appendToStream({ streamId, expectedVersion: "exists", events: [paid(streamId)] }));
    expect(err.code).toBe("version_conflict");
    expect(err.details).toMatchObject({ expectedVersion: "exists", actualVersion: 0 });
    const state = await storedState(streamId);
    expect(state.version).toBeNull();
    expect(state.events).toBe(0);
    await expect(readStream({ streamId, pii: "masked" })).rejects.toMatchObject({ code: "stream_not_found" });
  });

  it("given an existing stream, when appending with exists or any, then both are appended", async () => {
    const streamId = await givenStreamAt(1);
    await appendToStream({ streamId, expectedVersion: "exists", events: [paid(streamId)] });
    await appendToStream({ streamId, expectedVersion: "any", events: [paid(streamId)] });
    await appendToStream({ streamId, events: [paid(streamId)] }); // "any" is the default
    expect(await storedState(streamId)).toMatchObject({ version: 4, events: 4 });
  });

  it.each<[string, unknown]>([
    ["a negative number", -1],
    ["a fraction", 1.5],
    ["an unknown word", "latest"],
    ["a numeric string", "3"],
  ])("when expectedVersion is %s, then validation_failed and nothing is written", async (_label, expectedVersion) => {
    const streamId = await givenStreamAt(1);
    const err = await refusalOf(appendToStream({ streamId, expectedVersion: expectedVersion as ExpectedVersion, events: [paid(streamId)] }));
    expect(err.code).toBe("validation_failed");
    expect((await storedState(streamId)).events).toBe(1);
  });

  it("given a version conflict, then the refusal is counted for the category", async () => {
    const category = `conflictcount${unique()}`;
    const streamId = await givenStreamAt(1, `${category}-1`);
    await refusalOf(appendToStream({ streamId, expectedVersion: 5, events: [paid(streamId)] }));
    await refusalOf(appendToStream({ streamId, expectedVersion: 0, events: [paid(streamId)] }));
    await flushRefusalCounts();
    const { rows } = await getPool().query<{ count: number }>(
      "SELECT sum(count)::int AS count FROM append_refusals WHERE category = $1 AND reason = 'version_conflict'",
      [category],
    );
    expect(rows[0].count).toBe(2);
  });
});

describe("racing writers", () => {
  const WRITERS = 12;

  function settle(results: PromiseSettledResult<AppendResult>[]) {
    const won = results.filter((r): r is PromiseFulfilledResult<AppendResult> => r.status === "fulfilled").map((r) => r.value);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as AppError);
    return { won, lost };
  }

  it(`given ${WRITERS} writers all blocked on a stream at version 3, when they race with expectedVersion 3, then exactly one succeeds and the others get version_conflict`, async () => {
    const streamId = await givenStreamAt(3);
    const blocker = await openTransaction();
    await blocker.query("SELECT 1 FROM streams WHERE stream_id = $1 FOR UPDATE", [streamId]);
    const eventIds = Array.from({ length: WRITERS }, () => randomUUID());

    const racing = Promise.allSettled(
      eventIds.map((eventId) => appendToStream({ streamId, expectedVersion: 3, events: [{ ...paid(streamId), eventId }] })),
    );
    await untilBlocked(WRITERS);
    await blocker.query("COMMIT");
    const { won, lost } = settle(await racing);

    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({ fromVersion: 4, toVersion: 4 });
    expect(lost).toHaveLength(WRITERS - 1);
    for (const e of lost) {
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe("version_conflict");
      expect(e.details).toMatchObject({ expectedVersion: 3, actualVersion: 4 });
    }
    const state = await storedState(streamId);
    expect(state).toMatchObject({ version: 4, event_count: 4, events: 4 });
    expect(state.ids[3]).toBe(won[0].events[0].eventId);
  });

  it(`given ${WRITERS} writers, when they race unsynchronised on the same expected version, then exactly one succeeds`, async () => {
    const streamId = await givenStreamAt(1);
    const { won, lost } = settle(
      await Promise.allSettled(Array.from({ length: WRITERS }, () => appendToStream({ streamId, expectedVersion: 1, events: [paid(streamId), paid(streamId)] }))),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.code)).toEqual(Array(WRITERS - 1).fill("version_conflict"));
    expect(await storedState(streamId)).toMatchObject({ version: 3, event_count: 3, events: 3 });
  });

  it(`given a new stream another transaction is creating, when ${WRITERS} creators race with no_stream, then exactly one creates it`, async () => {
    const streamId = `order-${unique()}`;
    // Someone inserts the stream row but has not committed: every creator blocks on the unique index.
    const blocker = await openTransaction();
    await blocker.query("INSERT INTO streams (stream_id, category, stream_hash) VALUES ($1, 'order', 0)", [streamId]);

    const racing = Promise.allSettled(
      Array.from({ length: WRITERS }, (_, i) => appendToStream({ streamId, expectedVersion: "no_stream", events: [paid(`creator-${i}`)] })),
    );
    await untilBlocked(WRITERS);
    await blocker.query("ROLLBACK");
    const { won, lost } = settle(await racing);

    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({ fromVersion: 1, toVersion: 1 });
    expect(lost).toHaveLength(WRITERS - 1);
    for (const e of lost) expect(e).toMatchObject({ code: "version_conflict", details: { expectedVersion: "no_stream", actualVersion: 1 } });
    expect(await storedState(streamId)).toMatchObject({ version: 1, event_count: 1, events: 1 });
  });

  it(`given no stream, when ${WRITERS} creators race unsynchronised with no_stream, then exactly one creates it`, async () => {
    const streamId = `order-${unique()}`;
    const { won, lost } = settle(
      await Promise.allSettled(Array.from({ length: WRITERS }, () => appendToStream({ streamId, expectedVersion: "no_stream", events: [paid(streamId)] }))),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.code)).toEqual(Array(WRITERS - 1).fill("version_conflict"));
    expect(await storedState(streamId)).toMatchObject({ version: 1, events: 1 });
  });

  it(`given ${WRITERS} writers with expectedVersion any, when they race, then all succeed with distinct consecutive versions`, async () => {
    const streamId = await givenStreamAt(0);
    const results = await Promise.all(Array.from({ length: WRITERS }, () => appendToStream({ streamId, expectedVersion: "any", events: [paid(streamId)] })));
    expect(results.map((r) => r.fromVersion).sort((a, b) => a - b)).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 1));
    expect(await storedState(streamId)).toMatchObject({ version: WRITERS, event_count: WRITERS, events: WRITERS });
  });
});

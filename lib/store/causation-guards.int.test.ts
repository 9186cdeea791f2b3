import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { AppError } from "../errors";
import { appendToStream, type NewEvent } from "./append-to-stream";
import { readStream } from "./read-stream";
import { refusalOf, unique } from "../testing/expectations";
import { flushRefusalCounts } from "./count-refusal";

// Invariant 4: causation depth is tracked on append and capped; a correlation that grows too fast is
// refused even when its loop passes through commands the store never sees.

const updated = (userId: string, extra: Partial<NewEvent> = {}): NewEvent => ({ type: "UserUpdated", data: { userId, source: "sync" }, ...extra });


async function depthsOf(streamId: string): Promise<number[]> {
  const read = await readStream({ streamId, pii: "masked" });
  return read.events.map((e) => e.causationDepth);
}

async function storedCount(streamId: string): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE stream_id = $1", [streamId]);
  return rows[0].n;
}

async function refusals(category: string, reason: string): Promise<number> {
  await flushRefusalCounts();
  const { rows } = await getPool().query<{ n: number | null }>(
    "SELECT sum(count)::int AS n FROM append_refusals WHERE category = $1 AND reason = $2",
    [category, reason],
  );
  return rows[0].n ?? 0;
}

async function givenCategory(settings: { maxDepth?: number; maxPerHour?: number }): Promise<string> {
  const category = `loop${unique()}`;
  await getPool().query(
    "INSERT INTO category_settings (category, max_causation_depth, max_correlation_per_hour) VALUES ($1, $2, $3)",
    [category, settings.maxDepth ?? 100, settings.maxPerHour ?? 10_000],
  );
  return category;
}

describe("causation depth", () => {
  it("given a root event, when events are caused by it in later appends, then each is one deeper than its stored cause", async () => {
    const streamId = `user-${unique()}`;
    const root = randomUUID();
    const child = randomUUID();
    await appendToStream({ streamId, events: [updated("u1", { eventId: root })] });
    await appendToStream({ streamId, events: [updated("u1", { eventId: child, causationId: root })] });
    await appendToStream({ streamId: `profile-${unique()}`, events: [updated("u1", { causationId: child })] }); // across streams too
    await appendToStream({ streamId, events: [updated("u1", { causationId: child })] });

    expect(await depthsOf(streamId)).toEqual([0, 1, 2]);
  });

  it("given a batch whose events cause each other, when it is appended, then depths are resolved within the batch", async () => {
    const streamId = `user-${unique()}`;
    const stored = randomUUID();
    await appendToStream({ streamId, events: [updated("u1", { eventId: stored }), updated("u1", { causationId: stored })] });
    const [x, y] = [randomUUID(), randomUUID()];

    await appendToStream({
      streamId,
      events: [updated("u1", { eventId: x, causationId: stored }), updated("u1", { eventId: y, causationId: x }), updated("u1", { causationId: y })],
    });

    expect(await depthsOf(streamId)).toEqual([0, 1, 1, 2, 3]);
  });

  it("given a cause the store does not hold (a command), when metadata.causationDepth is given, then depth is that + 1; without it, 1", async () => {
    const streamId = `user-${unique()}`;
    await appendToStream({
      streamId,
      events: [
        updated("u1", { causationId: randomUUID(), metadata: { causationDepth: 7 } }),
        updated("u1", { causationId: randomUUID() }),
        updated("u1", { metadata: { causationDepth: 2 } }),
      ],
    });
    expect(await depthsOf(streamId)).toEqual([8, 1, 3]);
  });

  it("when metadata.causationDepth is not a whole number >= 0, then validation_failed", async () => {
    const streamId = `user-${unique()}`;
    for (const causationDepth of [-1, 1.5, "3"]) {
      const err = await refusalOf(appendToStream({ streamId, events: [updated("u1", { metadata: { causationDepth } })] }));
      expect(err.code).toBe("validation_failed");
    }
    expect(await storedCount(streamId)).toBe(0);
  });

  it("given a category capped at depth 3, when a chain of appends reaches depth 4, then causation_depth_exceeded (422), nothing is written and the refusal is counted", async () => {
    const category = await givenCategory({ maxDepth: 3 });
    const streamId = `${category}-1`;
    let cause: string | undefined;
    for (let depth = 0; depth <= 3; depth++) {
      const eventId = randomUUID();
      await appendToStream({ streamId, events: [updated("u1", { eventId, causationId: cause })] });
      cause = eventId;
    }
    expect(await depthsOf(streamId)).toEqual([0, 1, 2, 3]);

    const err = await refusalOf(appendToStream({ streamId, events: [updated("u1", { causationId: cause })] }));

    expect(err.code).toBe("causation_depth_exceeded");
    expect(err.status).toBe(422);
    expect(err.details).toMatchObject({ depth: 4, maxDepth: 3, category });
    expect(await storedCount(streamId)).toBe(4);
    expect(await refusals(category, "causation_depth_exceeded")).toBe(1);
  });

  it("given a category capped at depth 3, when one batch would go past it, then the whole batch is refused", async () => {
    const category = await givenCategory({ maxDepth: 3 });
    const streamId = `${category}-1`;
    const chain = Array.from({ length: 5 }, () => randomUUID());
    const err = await refusalOf(
      appendToStream({ streamId, events: chain.map((eventId, i) => updated("u1", { eventId, causationId: i ? chain[i - 1] : undefined })) }),
    );
    expect(err.code).toBe("causation_depth_exceeded");
    expect(err.details).toMatchObject({ eventId: chain[4], depth: 4 });
    expect(await storedCount(streamId)).toBe(0);
  });

  it("given a category capped at depth 3, when a command declares depth 3, then the event it causes is refused", async () => {
    const category = await givenCategory({ maxDepth: 3 });
    const streamId = `${category}-1`;
    const err = await refusalOf(appendToStream({ streamId, events: [updated("u1", { causationId: randomUUID(), metadata: { causationDepth: 3 } })] }));
    expect(err.code).toBe("causation_depth_exceeded");
    expect(await storedCount(streamId)).toBe(0);
  });

  it("given the default settings, when an event would sit at depth 101, then it is refused and depth 100 is not", async () => {
    const streamId = `user-${unique()}`;
    await appendToStream({ streamId, events: [updated("u1", { causationId: randomUUID(), metadata: { causationDepth: 99 } })] });
    const err = await refusalOf(appendToStream({ streamId, events: [updated("u1", { causationId: randomUUID(), metadata: { causationDepth: 100 } })] }));
    expect(err).toMatchObject({ code: "causation_depth_exceeded", details: { depth: 101, maxDepth: 100 } });
    expect(await depthsOf(streamId)).toEqual([100]);
  });
});

describe("correlation limit", () => {
  it("given a loop through commands that hides its depth, when its correlation passes the hourly limit, then correlation_limit_exceeded, nothing is written and the refusal is counted", async () => {
    const category = await givenCategory({ maxPerHour: 5 });
    const correlationId = randomUUID();
    const users = `${category}-users`;
    const profiles = `${category}-profiles`;

    // UserUpdated → (command) → ProfileUpdated → (command) → UserUpdated …: every cause is a command id
    // the store never saw, and the commands do not carry causationDepth, so every event is at depth 1.
    for (let i = 0; i < 5; i++) {
      const streamId = i % 2 ? profiles : users;
      const event: NewEvent = i % 2
        ? { type: "ProfileUpdated", data: { userId: "u1", displayName: `P${i}` } }
        : { type: "UserUpdated", data: { userId: "u1", name: `U${i}` } };
      await appendToStream({ streamId, events: [{ ...event, correlationId, causationId: randomUUID() }] });
    }
    expect([...(await depthsOf(users)), ...(await depthsOf(profiles))]).toEqual([1, 1, 1, 1, 1]);

    const err = await refusalOf(
      appendToStream({ streamId: profiles, events: [{ type: "ProfileUpdated", data: { userId: "u1", displayName: "again" }, correlationId, causationId: randomUUID() }] }),
    );

    expect(err.code).toBe("correlation_limit_exceeded");
    expect(err.status).toBe(422);
    expect(err.details).toMatchObject({ correlationIds: [correlationId], maxPerHour: 5, category });
    expect(await storedCount(users)).toBe(3);
    expect(await storedCount(profiles)).toBe(2);
    expect(await refusals(category, "correlation_limit_exceeded")).toBe(1);

    // The refused append did not count towards the limit, and the limit keeps holding.
    const again = await refusalOf(appendToStream({ streamId: users, events: [{ type: "UserUpdated", data: { userId: "u1" }, correlationId }] }));
    expect(again.code).toBe("correlation_limit_exceeded");
    expect(await refusals(category, "correlation_limit_exceeded")).toBe(2);
  });

  it("given a correlation limit of 5, when one batch carries 6 events of the correlation, then it is refused whole; other correlations are not affected", async () => {
    const category = await givenCategory({ maxPerHour: 5 });
    const streamId = `${category}-1`;
    const correlationId = randomUUID();
    const err = await refusalOf(appendToStream({ streamId, events: Array.from({ length: 6 }, () => updated("u1", { correlationId })) }));
    expect(err.code).toBe("correlation_limit_exceeded");
    expect(await storedCount(streamId)).toBe(0);

    await appendToStream({ streamId, events: Array.from({ length: 5 }, () => updated("u1", { correlationId: randomUUID() })) });
    await appendToStream({ streamId, events: Array.from({ length: 5 }, () => updated("u1", { correlationId })) });
    expect(await storedCount(streamId)).toBe(10);
  });
});

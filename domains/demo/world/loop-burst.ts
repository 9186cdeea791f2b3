import type { AppendOptions } from "../../../lib/store/append-to-stream";
import { StreamHistory, type DemoTask, type WorldContext } from "./demo-task";
import { demoUuid, Rng, seedFor } from "./prng";
import { DAY_MS, HOUR_MS, isoMicros } from "./timeline";
import { fakePerson, type UserDirectory } from "./user-directory";

/** The loop's events per hour stay below the default max_correlation_per_hour (10 000). */
export const MAX_LOOP_EVENTS = 2000;

/**
 * The runaway loop: one profile edit, then the profile→user sync and the user→profile sync each
 * react to every update of the other, even when nothing changed, so they never stop. Every event
 * is caused by the one before it, alternating `profile-<id>` and `user-<id>`, in one correlation.
 * Each event is its own append (the streams alternate), and the depth grows by one per event.
 */
export function planLoopBurst(ctx: WorldContext, dir: UserDirectory, length: number): DemoTask {
  const id = dir.ids[dir.loopIndex];
  return { key: `loop-${id}`, kind: "loop", appends: () => loopAppends(ctx, id, dir.registeredAt[dir.loopIndex], length) };
}

/** The one correlation all of the loop's events share. */
export function loopCorrelationId(seed: number, userId: string): string {
  return demoUuid(seed, `loop/${userId}/correlation`);
}

/** When the loop starts (ms): a weekday afternoon about a tenth of the period ago, after the spike. */
export function loopStart(ctx: WorldContext, rng: Rng): number {
  const daysAgo = Math.max(1, Math.round((ctx.period.end - ctx.period.start) / DAY_MS / 10));
  const day = Math.floor((ctx.period.end - daysAgo * DAY_MS) / DAY_MS) * DAY_MS;
  return Math.min(day + 14 * HOUR_MS + rng.int(0, 59) * 60_000, ctx.period.end - HOUR_MS);
}

function* loopAppends(ctx: WorldContext, id: string, reg: number, length: number): Iterable<AppendOptions> {
  const { seed } = ctx;
  const rng = new Rng(seedFor(seed, `loop/${id}`));
  const person = fakePerson(rng);
  // An ordinary sign-up first, so the two streams have a normal history before the loop.
  const user = new StreamHistory(seed, `user-${id}`);
  const signup = user.ids.correlation(0);
  const registered = user.add(reg, {
    type: "UserRegistered",
    data: { userId: id, email: person.email, name: person.name, country: person.country },
    correlationId: signup,
    causationId: user.ids.command(1),
    metadata: { command: "RegisterUser", causationDepth: 0 },
  });
  const profile = new StreamHistory(seed, `profile-${id}`);
  profile.add(reg + 5_000_000, { type: "ProfileUpdated", data: { userId: id, displayName: `${person.first} ${person.last[0]}.` }, correlationId: signup, causationId: registered, metadata: { handler: "profile-provisioner" } });
  yield* user.toAppends();
  yield* profile.toAppends();

  const correlationId = loopCorrelationId(seed, id);
  let causationId = demoUuid(seed, `loop/${id}/command`);
  let at = Math.max(loopStart(ctx, rng) * 1000, reg + 60_000_000);
  const versions = { user: user.version, profile: profile.version };

  for (let i = 0; i < length; i++) {
    const toProfile = i % 2 === 0;
    const streamId = toProfile ? `profile-${id}` : `user-${id}`;
    const version = toProfile ? ++versions.profile : ++versions.user;
    const eventId = (toProfile ? profile : user).ids.event(version);
    at += rng.int(80, 400) * 1000;
    yield {
      streamId,
      expectedVersion: version - 1,
      recordedAt: [isoMicros(at)],
      events: [
        {
          eventId,
          correlationId,
          causationId,
          ...(i === 0
            ? { type: "ProfileUpdated", data: { userId: id, displayName: `${person.first} ${person.last[0]}.`, bio: "Now with a new photo." }, metadata: { command: "UpdateProfile", causationDepth: 0 } }
            : toProfile
              ? { type: "ProfileUpdated", data: { userId: id, displayName: `${person.first} ${person.last[0]}.` }, metadata: { handler: "user-to-profile-sync" } }
              : { type: "UserUpdated", data: { userId: id, name: `${person.first} ${person.last[0]}.`, source: "profile-sync" }, metadata: { handler: "profile-to-user-sync" } }),
        },
      ],
    };
    causationId = eventId;
  }
}

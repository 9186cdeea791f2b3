import type { AppendOptions } from "../../../lib/store/append-to-stream";
import { BIOS, CURRENCIES, EMAIL_DOMAINS, LAST_NAMES } from "./demo-catalog";
import { StreamHistory, type DemoTask, type WorldContext } from "./demo-task";
import { Rng, seedFor } from "./prng";
import { fakePerson, type UserDirectory } from "./user-directory";

const MINUTE_US = 60_000_000;
const DAY_US = 86_400_000_000;

/**
 * One task per user: `user-<id>`, `profile-<id>` and maybe `account-<n>`, in that order, because
 * the profile and the account are caused by the registration (the store resolves a cause's depth
 * only once the cause is stored).
 */
export function planUserStreams(ctx: WorldContext, dir: UserDirectory, accountEventsMean: number): DemoTask[] {
  const tasks: DemoTask[] = [];
  dir.ids.forEach((id, i) => {
    if (i === dir.loopIndex) return;
    tasks.push({ key: `user-${id}`, kind: "users", appends: () => userAppends(ctx, dir, i, accountEventsMean) });
  });
  return tasks;
}

function* userAppends(ctx: WorldContext, dir: UserDirectory, i: number, accountEventsMean: number): Iterable<AppendOptions> {
  const { seed } = ctx;
  const id = dir.ids[i];
  const end = ctx.period.end * 1000;
  const rng = new Rng(seedFor(seed, `user/${id}`));
  const person = fakePerson(rng);
  const reg = dir.registeredAt[i];
  const laterTimes = (n: number, from: number) =>
    Array.from({ length: n }, () => Math.floor(rng.between(from, end))).filter((t) => t > from).sort((a, b) => a - b);

  // Sign-up: a command (depth 0) → UserRegistered (1) → profile provisioning (2) and onboarding (2, 3).
  const user = new StreamHistory(seed, `user-${id}`);
  const signup = user.ids.correlation(0);
  const registered = user.add(reg, {
    type: "UserRegistered",
    data: { userId: id, email: person.email, name: person.name, country: person.country },
    correlationId: signup,
    causationId: user.ids.command(1),
    metadata: { command: "RegisterUser", causationDepth: 0 },
  });
  for (const at of laterTimes(rng.pick([0, 0, 0, 1, 1, 1, 2, 2, 3]), reg + DAY_US)) {
    const changeEmail = rng.chance(0.5);
    const data = changeEmail
      ? { userId: id, email: person.email.replace(/@.*/, `@${rng.pick(EMAIL_DOMAINS)}`), source: "account-settings" }
      : { userId: id, name: `${person.first} ${rng.pick(LAST_NAMES)}`, source: "account-settings" };
    const v = user.version + 1;
    user.add(at, { type: "UserUpdated", data, correlationId: user.ids.correlation(v), causationId: user.ids.command(v), metadata: { command: "UpdateUser", causationDepth: 0 } });
  }
  yield* user.toAppends();

  const profile = new StreamHistory(seed, `profile-${id}`);
  const displayName = `${person.first} ${person.last[0]}.`;
  profile.add(reg + rng.int(1, 90) * 1_000_000, {
    type: "ProfileUpdated",
    data: { userId: id, displayName },
    correlationId: signup,
    causationId: registered,
    metadata: { handler: "profile-provisioner" },
  });
  for (const at of laterTimes(rng.pick([0, 0, 1, 1, 2]), reg + MINUTE_US * 10)) {
    const v = profile.version + 1;
    const data = rng.chance(0.6) ? { userId: id, displayName, bio: rng.pick(BIOS) } : { userId: id, displayName: person.first };
    profile.add(at, { type: "ProfileUpdated", data, correlationId: profile.ids.correlation(v), causationId: profile.ids.command(v), metadata: { command: "UpdateProfile", causationDepth: 0 } });
  }
  yield* profile.toAppends();

  const accountNo = dir.accountOf[i];
  if (accountNo !== null) yield* accountAppends(ctx, rng, { id, accountNo, reg, signup, registered, mean: accountEventsMean });
}

type AccountSpec = { id: string; accountNo: number; reg: number; signup: string; registered: string; mean: number };

/** `account-<n>`: opened during onboarding, then deposits and withdrawals that never overdraw. */
function accountAppends(ctx: WorldContext, rng: Rng, spec: AccountSpec): AppendOptions[] {
  const { seed } = ctx;
  const end = ctx.period.end * 1000;
  const opened = spec.reg + rng.int(2, 600) * 1_000_000;
  if (opened >= end) return [];
  const streamId = `account-${spec.accountNo}`;
  const accountId = String(spec.accountNo);
  const account = new StreamHistory(seed, streamId);
  const openedId = account.add(opened, {
    type: "AccountOpened",
    data: { accountId, ownerId: spec.id, currency: rng.pick(CURRENCIES) },
    correlationId: spec.signup,
    causationId: spec.registered,
    metadata: { handler: "onboarding" },
  });
  let cents = rng.int(20, 500) * 100;
  account.add(opened + MINUTE_US, { type: "FundsDeposited", data: { accountId, amount: cents / 100 }, correlationId: spec.signup, causationId: openedId, metadata: { handler: "welcome-deposit" } });
  // Exponential around the mean keeps most accounts short and a few long, like real ones.
  const more = Math.min(400, Math.floor(-Math.log(1 - rng.next()) * Math.max(0, spec.mean - 2)));
  const times = Array.from({ length: more }, () => Math.floor(rng.between(opened + 2 * MINUTE_US, end))).sort((a, b) => a - b);
  for (const at of times) {
    const v = account.version + 1;
    const standing = rng.chance(0.3);
    const meta = standing ? { command: "ExecuteStandingOrder", causationDepth: 1 } : { command: "MoveFunds", causationDepth: 0 };
    const ids = { correlationId: account.ids.correlation(v), causationId: account.ids.command(v), metadata: meta };
    if (cents >= 1_000 && rng.chance(0.45)) {
      const out = rng.int(500, Math.floor(cents * 0.8));
      cents -= out;
      account.add(at, { type: "FundsWithdrawn", data: { accountId, amount: out / 100 }, ...ids });
    } else {
      const deposit = rng.int(1_000, 150_000);
      cents += deposit;
      account.add(at, { type: "FundsDeposited", data: { accountId, amount: deposit / 100 }, ...ids });
    }
  }
  return account.toAppends();
}

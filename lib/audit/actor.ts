/** Who did something, and from where: the first columns of every audit entry. */
export type Actor = {
  /** A user id (a token acts as its owner's), or `system:<name>` for work nobody signed in for; `token:<id>` in entries of release 0.1.0. */
  id: string;
  /** A name people recognise (e-mail, token name): kept even if the user is renamed later. */
  label: string;
  ip?: string | null;
  userAgent?: string | null;
};

/** The actor for changes made by Hindsight itself (bootstrap, command line). */
export function systemActor(name: string, label = name): Actor {
  return { id: `system:${name}`, label };
}

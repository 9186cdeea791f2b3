/** Who did something, and from where: the first columns of every audit entry. */
export type Actor = {
  /** A user id, `token:<id>`, or `system:<name>` for work nobody signed in for. */
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

import { text, defineProjection } from "hindsight/domain";

/** A user's directory entry. email, name and displayName are PII envelopes, copied as stored: never plaintext. */
export type DirectoryEntry = {
  userId: string;
  email: unknown;
  name: unknown;
  displayName: unknown;
  country: string | null;
  bio: string | null;
  updates: number;
};

/**
 * One row per user, from the user's own stream and their profile stream: the key (the userId in
 * the data) spans two streams, so this projection replays as a single partition in log order.
 */
export const userDirectoryV1 = defineProjection<DirectoryEntry>({
  name: "user-directory",
  version: 1,
  title: "User directory",
  changes: "First version.",
  categories: ["user", "profile"],
  accepts: [
    { type: "UserRegistered", versions: [1] },
    { type: "UserUpdated", versions: [1] },
    { type: "ProfileUpdated", versions: [1] },
  ],
  upcast: true,
  key: (e) => text(e.data, "userId"),
  keyFromStreamIdOnly: false,
  initialState: (key) => ({ userId: key, email: null, name: null, displayName: null, country: null, bio: null, updates: 0 }),
  evolve(state, e) {
    const d = e.data;
    switch (e.type) {
      case "UserRegistered":
        return { ...state, email: d.email ?? null, name: d.name ?? null, country: text(d, "country") };
      case "UserUpdated":
        return { ...state, email: d.email ?? state.email, name: d.name ?? state.name, updates: state.updates + 1 };
      case "ProfileUpdated":
        return { ...state, displayName: d.displayName ?? null, bio: text(d, "bio"), updates: state.updates + 1 };
      default:
        return state;
    }
  },
});

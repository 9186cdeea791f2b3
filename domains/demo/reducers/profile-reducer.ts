import { text, type Reducer } from "hindsight/domain";

/** A public profile. `displayName` is PII and stays the event's envelope until rendered for a caller. */
export type ProfileState = { userId: string | null; displayName: unknown; bio: string | null; updates: number };

/** `profile-<id>`: ProfileUpdated, from the person or mirrored by the profile sync. */
export const profileReducer: Reducer<ProfileState> = {
  category: "profile",
  version: 1,
  reads: ["ProfileUpdated"],
  initialState: () => ({ userId: null, displayName: null, bio: null, updates: 0 }),
  evolve: (state, { type, data }) => {
    if (type !== "ProfileUpdated") return state;
    return {
      userId: text(data, "userId") ?? state.userId,
      displayName: data.displayName === undefined ? state.displayName : data.displayName,
      // An update without a bio leaves the bio as it was (the sync only carries the name).
      bio: data.bio === undefined ? state.bio : text(data, "bio"),
      updates: state.updates + 1,
    };
  },
};

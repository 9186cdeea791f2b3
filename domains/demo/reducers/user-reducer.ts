import { text, type JsonObject, type Reducer } from "hindsight/domain";

/**
 * A person's account details. `email` and `name` hold the events' PII envelopes as they are (never
 * opened here), so the state can rest in a snapshot; they are rendered per caller on the way out.
 */
export type UserState = {
  userId: string | null;
  email: unknown;
  name: unknown;
  country: string | null;
  registered: boolean;
  updates: number;
  lastSource: string | null;
};

/** A PII field as it arrived (an envelope, or null once absent), keeping the old one when an update leaves it out. */
function sealed(data: JsonObject, key: string, previous: unknown): unknown {
  return data[key] === undefined ? previous : data[key];
}

/** `user-<id>`: UserRegistered, then UserUpdated (by the person, or by the profile sync). */
export const userReducer: Reducer<UserState> = {
  category: "user",
  version: 1,
  reads: ["UserRegistered", "UserUpdated"],
  initialState: () => ({ userId: null, email: null, name: null, country: null, registered: false, updates: 0, lastSource: null }),
  evolve: (state, { type, data }) => {
    if (type === "UserRegistered") {
      return {
        ...state,
        userId: text(data, "userId"),
        email: sealed(data, "email", null),
        name: sealed(data, "name", null),
        country: text(data, "country"),
        registered: true,
      };
    }
    if (type === "UserUpdated") {
      return {
        ...state,
        userId: state.userId ?? text(data, "userId"),
        email: sealed(data, "email", state.email),
        name: sealed(data, "name", state.name),
        updates: state.updates + 1,
        lastSource: text(data, "source") ?? state.lastSource,
      };
    }
    return state;
  },
};

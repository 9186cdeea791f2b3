import { createHash, randomBytes } from "node:crypto";

// `hs_` + 32 random bytes in base64url: recognisable in logs and secret scanners, 256 bits of entropy.
const TOKEN_PATTERN = /^hs_[A-Za-z0-9_-]{43}$/;

/** A new API token in clear: shown once, never stored. */
export function generateApiToken(): string {
  return `hs_${randomBytes(32).toString("base64url")}`;
}

/** Whether `value` has the shape of a Hindsight token (checked before any database lookup). */
export function isWellFormedToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/**
 * SHA-256 of the token, hex. A token carries 256 random bits, so a fast hash is as safe as a slow
 * one here, and checking a token costs microseconds instead of an argon2 round.
 */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The visible start of a token, so people can tell theirs apart in the list. */
export function tokenPrefix(token: string): string {
  return token.slice(0, 10);
}

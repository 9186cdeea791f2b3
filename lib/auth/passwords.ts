import "server-only";
import { hash, verify } from "@node-rs/argon2";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/** An argon2id hash (OWASP's parameters: 19 MiB, 2 passes) in PHC format, salt included. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

// Verifying against this when the account does not exist keeps "unknown user" as slow as "wrong password".
let decoy: Promise<string> | undefined;

/** Whether `password` matches `stored`; with no stored hash it still spends the time of a check. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await (decoy ??= hashPassword("decoy-password-for-timing")), password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

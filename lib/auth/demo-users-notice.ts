import type { Role } from "./permissions";

/**
 * What `npm start` prints about the demo users: their passwords only on the start that generated
 * them, since later starts' logs are kept and shared more widely than a 0600 file.
 */
export function demoUsersNotice(users: { email: string; role: Role; password: string }[], file: string, generatedNow: boolean): string[] {
  if (!generatedNow) return [`demo users: ${users.map((u) => u.email).join(", ")}; their passwords are in ${file}`];
  return [`demo users (passwords kept in ${file}):`, ...users.map((u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(28)} ${u.password}`)];
}

import pg from "pg";
import { inject } from "vitest";
import { env } from "../env";

const made: string[] = [];

/**
 * A new login role in hindsight_reader, as an application reading hindsight_read.<projection> has,
 * made by the cluster's superuser (the app's own roles cannot make roles). Answers its URL on the
 * test database; dropReaderLogins() removes them after the file.
 */
export async function readerLogin(): Promise<string> {
  const login = `app_reader_${Math.random().toString(36).slice(2, 8)}`;
  const su = new pg.Client({ connectionString: inject("clusterUrl") });
  await su.connect();
  await su.query(`CREATE ROLE ${login} LOGIN PASSWORD 'reader-pass-1' IN ROLE hindsight_reader`).finally(() => su.end());
  made.push(login);
  const url = new URL(env("DATABASE_URL")!);
  url.username = login;
  url.password = "reader-pass-1";
  return url.toString();
}

/** Drops the logins readerLogin() made. */
export async function dropReaderLogins(): Promise<void> {
  const su = new pg.Client({ connectionString: inject("clusterUrl") });
  await su.connect();
  try {
    for (const login of made.splice(0)) await su.query(`DROP ROLE IF EXISTS ${login}`);
  } finally {
    await su.end();
  }
}

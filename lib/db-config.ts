import pg from "pg";

/** Splits a postgres URL into the separate fields pg and the Prisma adapter want. */
export function poolConfigFromUrl(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || undefined,
    ssl: u.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
  };
}

// Prisma's introspection cannot read columns of type `name` (oid 19) or `"char"` (oid 18)
// (prisma/orm#27403); they are plain text as far as it is concerned.
class RelabellingClient extends pg.Client {
  override query(...args: any[]): any {
    const relabel = (r: pg.QueryResult | undefined) => {
      for (const f of r?.fields ?? []) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25;
      return r;
    };
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const cb = args[last];
      args[last] = (err: Error | null, r: pg.QueryResult) => cb(err, relabel(r));
    }
    const result = (super.query as any)(...args);
    return result && typeof result.then === "function" ? result.then(relabel) : result;
  }
}

/**
 * Pool settings for Prisma migrate: separate fields (a URL makes the shadow database point at
 * the main one) and idle clients closed at once (or the shadow database cannot be dropped).
 */
export function migrationPoolConfig(url: string): pg.PoolConfig {
  return { ...poolConfigFromUrl(url), idleTimeoutMillis: 1, Client: RelabellingClient };
}

type ScriptRunner = { executeScript(script: string): Promise<void>; underlyingDriver(): pg.Pool };

/**
 * The pg adapter splits migration scripts on every `;`, which cuts PL/pgSQL bodies apart.
 * A script without parameters goes to the server whole instead (simple query protocol).
 */
export function runScriptsWhole<T extends ScriptRunner>(adapter: T): T {
  adapter.executeScript = async (script: string) => {
    await adapter.underlyingDriver().query(script);
  };
  return adapter;
}

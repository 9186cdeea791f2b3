import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

type Sql = string | { text: string };
const textOf = (q: Sql) => (typeof q === "string" ? q : q.text);
const withText = (q: Sql, text: string): Sql => (typeof q === "string" ? text : { ...q, text });

/**
 * A pg.Pool face over one client inside an open transaction, so the Prisma adapter sends every
 * statement through it. Some Prisma operations (a write that also reads, createMany) open a
 * transaction of their own: here that becomes a savepoint, so it commits or rolls back with the outer one.
 */
class OneClientPool extends pg.Pool {
  private savepoints = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly client: pg.ClientBase) {
    super({ max: 1 });
  }

  override query(...args: unknown[]): any {
    return (this.client.query as (...a: unknown[]) => unknown).apply(this.client, args);
  }

  override connect(): any {
    const name = `prisma_${++this.savepoints}`;
    // One nested transaction at a time: savepoints interleaved on one connection would release each other.
    let done!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (done = resolve));
    return previous.then(() => this.savepointClient(name, done));
  }

  private savepointClient(name: string, done: () => void) {
    const nested: Record<string, string> = { BEGIN: `SAVEPOINT ${name}`, COMMIT: `RELEASE SAVEPOINT ${name}`, ROLLBACK: `ROLLBACK TO SAVEPOINT ${name}` };
    const client = this.client;
    return {
      query(q: Sql, values?: unknown[]) {
        const text = textOf(q).trim().toUpperCase();
        if (text.startsWith("SET TRANSACTION")) return Promise.reject(new Error("an isolation level cannot be set inside inTransaction"));
        return client.query(withText(q, nested[text] ?? textOf(q)) as string, values);
      },
      on: () => undefined,
      removeListener: () => undefined,
      release: done,
    };
  }
}

// One Prisma client per pooled connection: connections are reused across transactions, so it is made once per connection.
const bound = new WeakMap<pg.ClientBase, PrismaClient>();

/**
 * The Prisma client for a transaction opened by `inTransaction`: its queries run on `client`, so a
 * change made through it and the audit entry `appendAudit(client, …)` writes commit or roll back together.
 */
export function prismaOn(client: pg.ClientBase): PrismaClient {
  let prisma = bound.get(client);
  if (!prisma) {
    prisma = new PrismaClient({ adapter: new PrismaPg(new OneClientPool(client)) });
    bound.set(client, prisma);
  }
  return prisma;
}

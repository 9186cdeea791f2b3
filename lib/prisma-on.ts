import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

/**
 * A pg.Pool face over one checked-out client, so the Prisma adapter sends every statement through
 * that client and therefore inside its open transaction. It never opens a connection of its own.
 */
class OneClientPool extends pg.Pool {
  constructor(private readonly client: pg.ClientBase) {
    super({ max: 1 });
  }

  override query(...args: unknown[]): any {
    return (this.client.query as (...a: unknown[]) => unknown).apply(this.client, args);
  }

  // Prisma's own $transaction would BEGIN and COMMIT on this client, committing the outer transaction early.
  override connect(): any {
    return Promise.reject(new Error("prismaOn(client) already runs inside inTransaction: do not open a Prisma $transaction in it"));
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

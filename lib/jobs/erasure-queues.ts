import "server-only";
import PgBoss from "pg-boss";
import { getPool } from "../db";
import { poolConfigFromUrl } from "../db-config";
import { env } from "../env";

/** The pg-boss queues of the erasure workflow. */
export const ERASURE_EXECUTE_QUEUE = "erasure-execute";
export const ERASURE_VERIFY_QUEUE = "erasure-verify";
export const ERASURE_SWEEP_QUEUE = "erasure-sweep";

export type ErasureQueue = typeof ERASURE_EXECUTE_QUEUE | typeof ERASURE_VERIFY_QUEUE;

type SenderState = { boss?: Promise<PgBoss | null> };
// One sender per process (the web server queues jobs; the worker works them), kept across dev reloads.
const state: SenderState = ((globalThis as { __hindsightErasureSender?: SenderState }).__hindsightErasureSender ??= {});

async function sender(): Promise<PgBoss | null> {
  state.boss ??= (async () => {
    // The owner step installs pg-boss's schema and the queues; before it has, the erasure sweep queues the job later.
    const { rows } = await getPool().query<{ ok: boolean }>("SELECT to_regclass('pgboss.queue') IS NOT NULL AS ok");
    if (!rows[0].ok) return null;
    const c = poolConfigFromUrl(env("DATABASE_URL")!);
    const boss = new PgBoss({
      host: c.host, port: c.port, user: c.user, password: c.password as string | undefined, database: c.database,
      application_name: "hindsight-web", max: 2, schema: "pgboss", supervise: false, schedule: false, migrate: false,
    });
    boss.on("error", (e) => console.error("[jobs] pg-boss sender error:", e.message));
    await boss.start();
    return boss;
  })().catch((e) => {
    console.error("[jobs] cannot queue erasure jobs from this process:", e instanceof Error ? e.message : e);
    state.boss = undefined;
    return null;
  });
  return state.boss;
}

/**
 * Queues an erasure step for a request (one queued and one active per request: the queues are
 * "stately"). False when it could not be queued now; the erasure sweep picks the request up then.
 */
export async function enqueueErasureJob(queue: ErasureQueue, requestId: string, boss?: PgBoss): Promise<boolean> {
  const b = boss ?? (await sender());
  if (!b) return false;
  try {
    await b.send(queue, { requestId }, { singletonKey: requestId, retryLimit: 3, retryDelay: 10 });
    return true;
  } catch (e) {
    console.error(`[jobs] queueing ${queue} for ${requestId} failed:`, e instanceof Error ? e.message : e);
    return false;
  }
}

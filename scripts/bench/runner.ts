import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

type Request = { id: number; op: string; args: unknown };
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export type Ops = Record<string, (args: never) => Promise<unknown>>;

/**
 * Child side: serves the parent's requests one at a time. Each store runs in its own process so
 * neither sees the other's global state (emmett's driver replaces pg's global type parsers for
 * bigint and jsonb, which would otherwise change how Hindsight's rows are parsed).
 */
export function serve(ops: Ops): void {
  // The parent decides when a runner stops: a terminal's Ctrl-C reaches the whole process group,
  // and a runner must not die under the parent's orderly shutdown. If the parent is gone, so are we.
  process.on("SIGINT", () => {});
  process.on("disconnect", () => process.exit(0));
  process.on("uncaughtException", (e) => {
    console.error(`[runner] ${e.message}`);
    process.exit(1);
  });
  let queue = Promise.resolve();
  process.on("message", (msg: Request) => {
    queue = queue.then(async () => {
      let reply: Reply;
      try {
        const fn = ops[msg.op] as ((args: unknown) => Promise<unknown>) | undefined;
        if (!fn) throw new Error(`unknown op ${msg.op}`);
        reply = { id: msg.id, ok: true, result: await fn(msg.args) };
      } catch (e) {
        reply = { id: msg.id, ok: false, error: (e as Error).stack ?? String(e) };
      }
      process.send?.(reply);
      if (msg.op === "close") process.disconnect();
    });
  });
}

export type Runner = {
  call<T>(op: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
  pid: number | undefined;
};

/** Parent side: forks a runner script under tsx and returns a typed-enough RPC handle. */
export function startRunner(script: string, env: Record<string, string>): Runner {
  const child: ChildProcess = fork(path.resolve(script), [], {
    execArgv: ["--import", "tsx", "--conditions=react-server"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let seq = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let exited = false;
  child.on("message", (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.result);
    else p.reject(new Error(`${path.basename(script)}: ${reply.error}`));
  });
  const exitedPromise = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exited = true;
      for (const p of pending.values()) p.reject(new Error(`${path.basename(script)} exited (code ${code})`));
      pending.clear();
      resolve();
    }),
  );
  return {
    pid: child.pid,
    call<T>(op: string, args?: unknown): Promise<T> {
      if (exited) return Promise.reject(new Error(`${path.basename(script)} is not running`));
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, op, args } satisfies Request);
      });
    },
    async stop() {
      if (exited) return;
      // Ask politely (the runner closes its pools), then insist.
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      try {
        await Promise.race([this.call("close"), exitedPromise]);
      } catch {
        child.kill("SIGTERM");
      }
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}

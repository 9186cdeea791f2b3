import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";

export type AppEnv = { root: string; dataDir: string; port: number; pgPort: number; demoEvents: number };

export type RunningApp = { child: ChildProcess; output: () => string; exited: Promise<number | null>; url: string };

/** Starts the app exactly as `npm start` does (scripts/start.ts under tsx) and waits for its "running at" line. */
export async function startApp(env: AppEnv, timeoutMs = 600_000): Promise<RunningApp> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(env.root, "scripts", "start.ts")], {
    cwd: env.root,
    env: { ...process.env, PORT: String(env.port), HINDSIGHT_PG_PORT: String(env.pgPort), HINDSIGHT_DATA_DIR: env.dataDir, HINDSIGHT_DEMO_EVENTS: String(env.demoEvents), DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const onData = (d: Buffer) => {
    out += d.toString();
    if (process.env.CHAOS_VERBOSE === "1") process.stdout.write(d);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const deadline = Date.now() + timeoutMs;
  while (!/Hindsight is running at/.test(out)) {
    if (child.exitCode !== null) throw new Error(`the app exited during start:\n${out.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`the app was not running within ${timeoutMs / 1000} s:\n${out.slice(-2000)}`);
    await sleep(200);
  }
  return { child, output: () => out, exited, url: `http://127.0.0.1:${env.port}` };
}

/** The pids the supervisor records in .data/run.json. */
export function childPids(dataDir: string): Record<string, number> {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dataDir, "run.json"), "utf8")) as { children: Record<string, number> }).children;
  } catch {
    return {};
  }
}

export type Health = { status?: string; bootId?: string };

export async function health(url: string): Promise<Health | null> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return (await res.json()) as Health;
  } catch {
    return null;
  }
}

/** SIGINT (Ctrl-C) and the seconds until the app exited, with whether it said "stopped cleanly". */
export async function interrupt(app: RunningApp): Promise<{ seconds: number; clean: boolean; code: number | null }> {
  const t0 = performance.now();
  app.child.kill("SIGINT");
  const code = await Promise.race([app.exited, sleep(20_000).then(() => "timeout" as const)]);
  if (code === "timeout") {
    app.child.kill("SIGKILL");
    throw new Error(`the app did not stop within 20 s of SIGINT:\n${app.output().slice(-2000)}`);
  }
  return { seconds: (performance.now() - t0) / 1000, clean: /stopped cleanly/.test(app.output()), code };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

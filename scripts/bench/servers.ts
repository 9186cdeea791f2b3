import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildIsCurrent } from "../lib/build-fingerprint";
import { waitForHttp } from "./http-load";

export type RunningServer = { url: string; pid?: number; stop: () => Promise<void> };

/** A free loopback port chosen by the kernel, never 54329 (the port `npm start`'s embedded database uses). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(0, "127.0.0.1", () => {
        const { port } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(port));
      });
    });
    if (port !== 54329) return port;
  }
}

/**
 * Builds the app when there is no build yet. When another build is already running (npm start,
 * a teammate) it waits for that one instead. `next build` rewrites tsconfig.json (it adds its dev
 * type paths); the bench puts the file back so a bench run leaves the tree as it found it.
 */
export async function ensureNextBuild(log: (line: string) => void): Promise<string | undefined> {
  const buildId = path.join(".next", "BUILD_ID");
  if (fs.existsSync(buildId)) {
    // Rebuilding a stale build is npm start's job; the bench only says that it measures an older one.
    if (buildIsCurrent(process.cwd())) return undefined;
    const warning = ".next holds a build of older sources than the working tree (npm start rebuilds it); the HTTP run measured that build";
    log(`warning: ${warning}`);
    return warning;
  }
  log("no .next/BUILD_ID: running next build (once)");
  const tsconfig = fs.readFileSync("tsconfig.json", "utf8");
  try {
    const out: string[] = [];
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(path.join("node_modules", ".bin", "next"), ["build"], {
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.on("data", (d: Buffer) => out.push(d.toString()));
      child.stderr.on("data", (d: Buffer) => out.push(d.toString()));
      child.on("exit", resolve);
    });
    if (code === 0) return undefined;
    const text = out.join("");
    if (/Another next build process is already running/.test(text)) {
      log("another next build is running: waiting up to 5 minutes for its .next/BUILD_ID");
      const deadline = Date.now() + 5 * 60_000;
      while (Date.now() < deadline) {
        if (fs.existsSync(buildId)) return undefined;
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    throw new Error(`next build failed (exit ${code}):\n${text.split("\n").slice(-15).join("\n")}`);
  } finally {
    if (fs.readFileSync("tsconfig.json", "utf8") !== tsconfig) fs.writeFileSync("tsconfig.json", tsconfig);
  }
}

async function stopChild(child: ChildProcess, group: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      if (group && child.pid) process.kill(-child.pid, s);
      else child.kill(s);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Kills a server synchronously if the bench exits without stopping it (Next runs in its own process group). */
function killOnExit(child: ChildProcess, group: boolean): () => void {
  const kill = () => {
    try {
      if (group && child.pid) process.kill(-child.pid, "SIGKILL");
      else child.kill("SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", kill);
  return () => process.removeListener("exit", kill);
}

/** `next start` on a free port, in its own process group so stopping it takes its children too. */
export async function startNext(env: { DATABASE_URL: string; HINDSIGHT_MASTER_KEY: string; NEXTAUTH_SECRET: string }): Promise<RunningServer> {
  const port = await freePort();
  const tail: string[] = [];
  const child = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    env: { ...process.env, ...env, NEXTAUTH_URL: `http://127.0.0.1:${port}`, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const forget = killOnExit(child, true);
  const keep = (d: Buffer) => tail.push(...d.toString().split("\n").filter(Boolean)) && tail.splice(0, Math.max(0, tail.length - 30));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/api/health`, 60_000, () => child.exitCode === null);
  } catch (e) {
    await stopChild(child, true);
    forget();
    throw new Error(`${(e as Error).message}\n${tail.join("\n")}`);
  }
  return { url, pid: child.pid, stop: () => stopChild(child, true).finally(forget) };
}

/** The peer's node:http front (scripts/bench/emmett-http-server.ts) in its own process, like Next's. */
export async function startEmmettHttp(emmettUrl: string): Promise<RunningServer> {
  return startScriptServer("scripts/bench/emmett-http-server.ts", { EMMETT_DATABASE_URL: emmettUrl });
}

/** Hindsight's node:http fast path (scripts/bench/hindsight-fast-server.ts) in its own process. */
export async function startHindsightFast(env: { DATABASE_URL: string; HINDSIGHT_MASTER_KEY: string }): Promise<RunningServer> {
  return startScriptServer("scripts/bench/hindsight-fast-server.ts", env);
}

async function startScriptServer(script: string, env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child = fork(path.resolve(script), [], {
    execArgv: ["--import", "tsx", "--conditions=react-server"],
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const forget = killOnExit(child, false);
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`${path.basename(script)} exited (code ${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => stopChild(child, false).finally(forget) };
}

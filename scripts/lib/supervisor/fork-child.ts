import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";

export type ReadyMessage = { type: "ready"; bootId?: string; url?: string; pid?: number };
export type ChildMessage = ReadyMessage | { type: "failed"; message?: string } | { type: "exited"; reason?: string };

export type ForkedChild = { child: ChildProcess; ready: Promise<ReadyMessage>; lastWords: () => string | undefined };

/**
 * Runs a TypeScript entry under tsx with an IPC channel, in its own process group: the terminal's
 * Ctrl-C then reaches only the supervisor, which stops the children in order.
 */
export function forkChild(root: string, script: string, env: NodeJS.ProcessEnv, args: string[] = []): ForkedChild {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, script), ...args], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env,
    detached: true,
  });
  let lastWords: string | undefined;
  child.on("message", (m: ChildMessage) => {
    if (m.type === "failed") lastWords = m.message;
    if (m.type === "exited") lastWords = m.reason;
  });
  const ready = new Promise<ReadyMessage>((resolve, reject) => {
    child.on("message", (m: ChildMessage) => {
      if (m.type === "ready") resolve(m);
      if (m.type === "failed") reject(new StartFailure(m.message ?? `${script} failed to start`));
    });
    child.once("error", (e) => reject(new StartFailure(`${script} could not be run: ${e.message}`)));
    child.once("exit", (code, signal) => reject(new StartFailure(lastWords ?? `${script} exited during start (${exitReason(code, signal)})`)));
  });
  ready.catch(() => undefined);
  return { child, ready, lastWords: () => lastWords };
}

/** A child that failed before it was ready; its message is the line to show. */
export class StartFailure extends Error {}

/** "code 1", "signal SIGKILL": how a child ended, for the log. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

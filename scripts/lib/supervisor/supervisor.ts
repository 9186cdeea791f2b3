import type { ChildProcess } from "node:child_process";
import { exitReason, type ForkedChild, type ReadyMessage } from "./fork-child";

export type ChildSpec = {
  name: string;
  /** How the log names it: "PostgreSQL", "the web server". */
  label: string;
  start: () => ForkedChild;
  /** Runs after the ready message; throwing fails the start (e.g. health must carry the boot id). */
  confirm?: (ready: ReadyMessage) => Promise<void>;
  readyTimeoutMs: number;
  /** How long a SIGTERM may take before SIGKILL. */
  stopGraceMs: number;
  /** Runs once the child is gone, however it went (e.g. a postmaster its keeper left behind). */
  afterExit?: () => Promise<void>;
};

export type SupervisorOptions = {
  log: (line: string) => void;
  /** Live pids by child name, on every change (recorded in .data/ for the next start). */
  onPids: (pids: Record<string, number>) => void;
  /** Called once when a child keeps failing: the app should stop and exit non-zero with this line. */
  onGiveUp: (reason: string) => void;
  maxFailures?: number;
  windowMs?: number;
  /** The first restart's delay; each further failure in the window doubles it (up to 8 s). */
  baseDelayMs?: number;
};

type Slot = { spec: ChildSpec; current?: ForkedChild; ready?: ReadyMessage; live: boolean; failures: number[]; timer?: NodeJS.Timeout };

/**
 * Keeps children running: a child that dies is logged with its exit reason and restarted with
 * backoff; `maxFailures` deaths within `windowMs` give up. A first start that fails throws instead.
 */
export class Supervisor {
  private slots = new Map<string, Slot>();
  private stopping = false;
  private gaveUp = false;
  private maxFailures: number;
  private windowMs: number;

  constructor(private opts: SupervisorOptions) {
    this.maxFailures = opts.maxFailures ?? 5;
    this.windowMs = opts.windowMs ?? 60_000;
  }

  /** Starts a child and resolves with its ready message; throws the child's own reason when it fails. */
  async start(spec: ChildSpec): Promise<ReadyMessage> {
    const slot: Slot = { spec, live: false, failures: [] };
    this.slots.set(spec.name, slot);
    await this.launch(slot);
    return slot.ready!;
  }

  /** The latest ready message of a child (its pid, boot id). */
  readyOf(name: string): ReadyMessage | undefined {
    return this.slots.get(name)?.ready;
  }

  /** Stops children in this order, each bounded by its grace; dead ones cost nothing. */
  async stopAll(order: string[]): Promise<void> {
    this.stopping = true;
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    for (const name of order) {
      const slot = this.slots.get(name);
      if (slot) await this.stopSlot(slot);
    }
  }

  private async launch(slot: Slot): Promise<void> {
    const forked = slot.spec.start();
    slot.current = forked;
    slot.live = false;
    forked.child.once("exit", (code, signal) => this.onExit(slot, forked, exitReasonOf(forked, code, signal)));
    this.publishPids();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${slot.spec.label} was not ready within ${Math.round(slot.spec.readyTimeoutMs / 1000)} s`)), slot.spec.readyTimeoutMs);
      });
      const ready = await Promise.race([forked.ready, timeout]);
      await Promise.race([slot.spec.confirm?.(ready), timeout]);
      slot.ready = ready;
      slot.live = true;
      this.publishPids();
    } catch (e) {
      await kill(forked.child, 500);
      await slot.spec.afterExit?.().catch(() => undefined);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private onExit(slot: Slot, forked: ForkedChild, reason: string): void {
    if (slot.current !== forked) return;
    const wasLive = slot.live;
    slot.current = undefined;
    slot.live = false;
    this.publishPids();
    if (this.stopping || !wasLive) return;
    void this.recover(slot, reason, Date.now());
  }

  private async recover(slot: Slot, reason: string, downAt: number): Promise<void> {
    const now = Date.now();
    slot.failures = slot.failures.filter((t) => now - t < this.windowMs).concat(now);
    await slot.spec.afterExit?.().catch(() => undefined);
    if (slot.failures.length >= this.maxFailures) {
      if (!this.gaveUp) this.opts.onGiveUp(`${slot.spec.label} failed ${slot.failures.length} times in ${this.windowMs / 1000} s (last: ${reason}): giving up`);
      this.gaveUp = true;
      return;
    }
    const delay = Math.min((this.opts.baseDelayMs ?? 500) * 2 ** (slot.failures.length - 1), 8_000);
    this.opts.log(`${slot.spec.label} stopped (${reason}); restarting in ${delay / 1000} s`);
    slot.timer = setTimeout(() => {
      if (this.stopping) return;
      this.launch(slot).then(
        () => this.opts.log(`${slot.spec.label} is running again (pid ${slot.ready?.pid ?? slot.current?.child.pid}), ${((Date.now() - downAt) / 1000).toFixed(1)} s after it stopped`),
        (e: Error) => {
          if (!this.stopping) void this.recover(slot, e.message, downAt);
        },
      );
    }, delay);
  }

  private async stopSlot(slot: Slot): Promise<void> {
    const forked = slot.current;
    if (forked && forked.child.exitCode === null && forked.child.signalCode === null) {
      forked.child.kill("SIGTERM");
      if (!(await exited(forked.child, slot.spec.stopGraceMs))) {
        this.opts.log(`${slot.spec.label} did not stop within ${slot.spec.stopGraceMs / 1000} s: killing it`);
        await kill(forked.child, 500);
      }
    }
    forked?.child.disconnect?.();
    await slot.spec.afterExit?.().catch(() => undefined);
  }

  private publishPids(): void {
    const pids: Record<string, number> = {};
    for (const [name, slot] of this.slots) {
      if (slot.current?.child.pid) pids[name] = slot.current.child.pid;
      if (slot.ready?.pid && slot.live) pids[`${name}.server`] = slot.ready.pid;
    }
    this.opts.onPids(pids);
  }
}

function exitReasonOf(forked: ForkedChild, code: number | null, signal: NodeJS.Signals | null): string {
  const words = forked.lastWords();
  return words ? `${words}; ${exitReason(code, signal)}` : exitReason(code, signal);
}

/** Resolves true when the child has exited within `ms`. */
export function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function kill(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGKILL");
  await exited(child, ms);
}

import fs from "node:fs/promises";
import type { FailPoint, FaultHook } from "../archive/write-segment";

/** A run that throws at this step, as a crash there would end it. */
export function failingAt(point: FailPoint): FaultHook {
  return async (at) => {
    if (at === point) throw new Error(`archive failure injected at ${at}`);
  };
}

/** A run that stops at this step, says so in `file`, and waits there to be SIGKILLed. */
export function pausingAt(point: FailPoint, file: string): FaultHook {
  return async (at) => {
    if (at !== point) return;
    await fs.writeFile(file, at);
    await new Promise(() => setInterval(() => undefined, 60_000));
  };
}

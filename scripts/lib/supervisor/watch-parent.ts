/**
 * Node cannot tie a child's life to its parent's: a supervised child calls this to stop itself when
 * its parent's IPC channel closes or the parent pid goes away (a SIGKILLed `npm start`).
 */
export function watchParent(onGone: (why: string) => void): void {
  const parent = process.ppid;
  process.on("disconnect", () => onGone("the supervisor closed its channel"));
  const timer = setInterval(() => {
    let alive = process.ppid === parent;
    if (alive) {
      try {
        process.kill(parent, 0);
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === "EPERM";
      }
    }
    if (!alive) onGone("the supervisor is gone");
  }, 1_000);
  timer.unref();
}

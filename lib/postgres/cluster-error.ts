/** A start-up failure whose message is the one line a person needs (no stack is printed for it). */
export class ClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClusterError";
  }
}

/** PostgreSQL's own lines worth showing when it fails: FATAL, PANIC and the hints under them. */
export function importantLines(lines: string[]): string[] {
  return lines.filter((l) => /\b(FATAL|PANIC|HINT|DETAIL|ERROR):/.test(l) || /No space left on device|Permission denied|Address already in use/i.test(l));
}

/** Turns PostgreSQL's last lines into one explanation, naming the port variable when the port is taken. */
export function explainPostgresFailure(lines: string[], port: number, portVariable: string): string {
  const text = lines.join("\n");
  if (/could not bind|Address already in use/i.test(text)) return `port ${port} is in use: set ${portVariable} to a free port`;
  if (/No space left on device/i.test(text)) return `PostgreSQL cannot write: the disk is full (No space left on device)`;
  const shown = importantLines(lines).slice(-4);
  return shown.length ? `PostgreSQL did not start: ${shown.join(" | ")}` : `PostgreSQL did not start: ${lines.slice(-3).join(" | ") || "no output"}`;
}

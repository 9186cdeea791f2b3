import fs from "node:fs";
import path from "node:path";

// Files Hindsight keeps under .data/ (secrets, demo passwords) are readable by its own user only.

/** Writes `content` to `file` as 0600 (replacing the file whole, so an older, looser mode never survives). */
export function writePrivateFileSync(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/** Tightens an existing file to 0600 (one written by an earlier release with the default mode). */
export function tightenFileMode(file: string): void {
  if (fs.existsSync(file) && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
}

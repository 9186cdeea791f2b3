import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const EXAMPLE = path.resolve(__dirname, "../../examples/billing-domain");

/**
 * Copies the worked billing domain into a fresh folder outside the checkout (as a user's own
 * repository would hold it), with a compile output folder beside it. `edit` rewrites its source.
 */
export function outsideDomain(): { dir: string; entry: string; out: string; write: (name: string, source: string) => void; cleanup: () => void } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "hs-user-repo-"));
  const dir = path.join(base, "domain");
  fs.mkdirSync(dir);
  for (const name of fs.readdirSync(EXAMPLE)) fs.copyFileSync(path.join(EXAMPLE, name), path.join(dir, name));
  return {
    dir,
    entry: path.join(dir, "index.ts"),
    out: path.join(base, "compiled"),
    write: (name, source) => fs.writeFileSync(path.join(dir, name), source),
    cleanup: () => fs.rmSync(base, { recursive: true, force: true }),
  };
}

import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";

const INPUTS = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.js", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["node_modules", ".next", ".data", "generated"]);

/** A hash of every build input's path, size and mtime: cheap enough to check at every start. */
export function buildFingerprint(root: string): string {
  const h = createHash("sha256");
  const walk = (p: string) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (SKIP.has(name) || name.endsWith(".test.ts")) continue;
        walk(path.join(p, name));
      }
    } else {
      h.update(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const input of INPUTS) walk(path.join(root, input));
  return h.digest("hex");
}

const STAMP = path.join(".next", "hindsight-build.json");

/** True when .next holds a production build of exactly these sources. */
export function buildIsCurrent(root: string): boolean {
  const stamp = path.join(root, STAMP);
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")) || !fs.existsSync(stamp)) return false;
  return JSON.parse(fs.readFileSync(stamp, "utf8")).fingerprint === buildFingerprint(root);
}

export function recordBuild(root: string): void {
  fs.writeFileSync(path.join(root, STAMP), JSON.stringify({ fingerprint: buildFingerprint(root), builtAt: new Date().toISOString() }));
}

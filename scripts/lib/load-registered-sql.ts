import fs from "node:fs";
import path from "node:path";
import { registeredSql, type TypedSql } from "../../lib/sql/typed-sql";

/** Imports every module under lib/ that calls typedSql(), so each registers its statements, and answers them by name. */
export async function loadRegisteredSql(root: string): Promise<TypedSql[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== "generated" && e.name !== "testing") walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name) && fs.readFileSync(p, "utf8").includes("typedSql(")) files.push(p);
    }
  };
  walk(path.join(root, "lib"));
  for (const f of files.sort()) await import(f);
  return registeredSql();
}

import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { domainEntry, domainFiles, type DomainManifest } from "./domain-files";

export type BuildDomainOptions = { root: string; /** Defaults to HINDSIGHT_DOMAIN, then the demo world. */ entry?: string };
export type BuiltDomain = { entry: string; module: string; hash: string; rebuilt: boolean };

const INDEXES = ["index.ts", "index.mts", "index.js", "index.mjs"];

/**
 * Compiles the domain module with esbuild into one ESM file under `.hindsight/`, unless the last
 * build's inputs are unchanged. Everything it imports is bundled in: `hindsight/domain` from this
 * checkout, and packages from the module's own node_modules or, failing that, Hindsight's. The web
 * server and every worker import that one file, so they run the same code (and upcaster hashes agree).
 */
export async function buildDomain(opts: BuildDomainOptions): Promise<BuiltDomain> {
  const entry = resolveEntry(opts.entry ? path.resolve(opts.root, opts.entry) : domainEntry(opts.root));
  const files = domainFiles(opts.root);
  const previous = readManifest(files.manifest);
  if (previous && previous.entry === entry && fs.existsSync(files.module) && inputsUnchanged(previous)) {
    return { entry, module: files.module, hash: previous.hash, rebuilt: false };
  }
  const esbuild = await import("esbuild");
  let result: Awaited<ReturnType<typeof esbuild.build>> & { metafile: NonNullable<Awaited<ReturnType<typeof esbuild.build>>["metafile"]> };
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: opts.root,
      bundle: true,
      write: false,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: files.module,
      metafile: true,
      logLevel: "silent",
      alias: { "hindsight/domain": path.join(opts.root, "lib", "domain", "index.ts") },
      nodePaths: [path.join(opts.root, "node_modules")],
      // Packages written as CommonJS that a module pulls in still find `require` in an ES module.
      banner: { js: 'import { createRequire as __hsCreateRequire } from "node:module"; const require = __hsCreateRequire(import.meta.url);' },
    });
  } catch (e) {
    const errors = (e as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
    if (!errors?.length) throw e;
    const lines = errors.map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text));
    throw new Error(`the domain module ${entry} does not compile:\n  ${lines.join("\n  ")}`);
  }
  const code = result.outputFiles![0].contents;
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  fs.mkdirSync(files.dir, { recursive: true });
  // Written aside and renamed, so a process starting meanwhile reads the old file or the new one, never half of one.
  const tmp = `${files.module}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, files.module);
  const inputs: DomainManifest["inputs"] = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(opts.root, input);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (st) inputs[file] = { size: st.size, mtimeMs: st.mtimeMs };
  }
  const manifest: DomainManifest = { entry, hash, builtAt: new Date().toISOString(), inputs };
  fs.writeFileSync(`${files.manifest}.${process.pid}.tmp`, JSON.stringify(manifest, null, 2));
  fs.renameSync(`${files.manifest}.${process.pid}.tmp`, files.manifest);
  return { entry, module: files.module, hash, rebuilt: true };
}

function resolveEntry(entry: string): string {
  const st = fs.statSync(entry, { throwIfNoEntry: false });
  if (!st) throw new Error(`the domain module ${entry} does not exist (HINDSIGHT_DOMAIN)`);
  if (!st.isDirectory()) return entry;
  const index = INDEXES.map((name) => path.join(entry, name)).find((f) => fs.existsSync(f));
  if (!index) throw new Error(`the domain folder ${entry} has no ${INDEXES.join(", ")}`);
  return index;
}

function readManifest(file: string): DomainManifest | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as DomainManifest;
  } catch {
    return null;
  }
}

function inputsUnchanged(manifest: DomainManifest): boolean {
  return Object.entries(manifest.inputs).every(([file, was]) => {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    return !!st && st.size === was.size && st.mtimeMs === was.mtimeMs;
  });
}

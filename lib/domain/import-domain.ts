import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { installDomain } from "./current-domain";
import type { Domain } from "./domain";
import { domainEntry, domainFiles, type DomainManifest } from "./domain-files";

/**
 * Imports the compiled domain (`.hindsight/domain.mjs`) and makes it the loaded one. The import is
 * hidden from the bundlers, so `next build` never depends on the domain: the web server's
 * instrumentation and the workers load the same file at run time. Does not compile anything.
 */
export async function importBuiltDomain(root = process.cwd()): Promise<Domain> {
  const files = domainFiles(root);
  if (!fs.existsSync(files.manifest) || !fs.existsSync(files.module)) {
    throw new Error(`no compiled domain in ${files.dir}: start Hindsight with npm start (or npm run worker), which compiles HINDSIGHT_DOMAIN first`);
  }
  const manifest = JSON.parse(fs.readFileSync(files.manifest, "utf8")) as DomainManifest;
  const wanted = domainEntry(root);
  if (manifest.entry !== wanted && !manifest.entry.startsWith(wanted + path.sep)) {
    throw new Error(`the compiled domain is ${manifest.entry}, but HINDSIGHT_DOMAIN is ${wanted}: start through npm start to recompile it`);
  }
  // The hash in the URL: a rebuilt module is a new module, the same one is shared by every importer.
  const url = `${pathToFileURL(files.module).href}?v=${manifest.hash}`;
  let mod: { default?: unknown; domain?: unknown };
  try {
    mod = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ url);
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    throw new Error(`the domain module ${manifest.entry} failed to load: ${message}`, { cause: e });
  }
  return installDomain(mod.domain ?? mod.default);
}

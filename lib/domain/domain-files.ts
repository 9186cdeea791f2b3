import path from "node:path";
import { env } from "../env";

/** Where the compiled domain and its manifest live: `.hindsight/` in the checkout (gitignored), or HINDSIGHT_DOMAIN_OUT. */
export function domainFiles(root: string): { dir: string; module: string; manifest: string } {
  const dir = path.resolve(root, env("HINDSIGHT_DOMAIN_OUT") ?? ".hindsight");
  return { dir, module: path.join(dir, "domain.mjs"), manifest: path.join(dir, "domain.json") };
}

/** What the last build compiled: the entry, every input with its size and mtime, and the output's hash. */
export type DomainManifest = { entry: string; hash: string; builtAt: string; inputs: Record<string, { size: number; mtimeMs: number }> };

/** The module HINDSIGHT_DOMAIN names (a file, or a folder with an index), or the demo world's by default. */
export function domainEntry(root: string, configured = env("HINDSIGHT_DOMAIN")): string {
  return configured ? path.resolve(root, configured) : path.join(root, "domains", "demo", "index.ts");
}

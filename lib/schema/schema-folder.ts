import fs from "node:fs";
import path from "node:path";

/** One file of a schema folder: the type and version it registers and the PUT body. */
export type SchemaFile = { file: string; type: string; version: number; body: { schema: unknown; upcast?: unknown; description?: string } };

const NAMED = /^(?<type>[A-Za-z][A-Za-z0-9_.:-]*?)\.v(?<version>[1-9][0-9]*)\.json$/;

/**
 * Reads a folder of schemas for `npm run schemas -- push`: `<Type>.v<n>.json` files, or
 * `<Type>/v<n>.json` in a folder per type. A file holds the PUT body (`{"schema", "upcast"?,
 * "description"?}`) or a bare JSON Schema. Sorted by type then version, so v1 goes before v2.
 */
export function readSchemaFolder(dir: string): SchemaFile[] {
  const found: SchemaFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const inner of fs.readdirSync(full)) {
        const m = /^v(?<version>[1-9][0-9]*)\.json$/.exec(inner);
        if (m) found.push(load(path.join(full, inner), entry.name, Number(m.groups!.version)));
      }
    } else {
      const m = NAMED.exec(entry.name);
      if (m) found.push(load(full, m.groups!.type, Number(m.groups!.version)));
    }
  }
  return found.sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);
}

function load(file: string, type: string, version: number): SchemaFile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const wrapped = !!json && typeof json === "object" && "schema" in json;
  return { file, type, version, body: wrapped ? (json as SchemaFile["body"]) : { schema: json } };
}

/** PUTs each file in order to a Hindsight server; stops at the first refusal (later versions depend on it). */
export async function pushSchemaFolder(opts: { dir: string; url: string; token: string; log: (line: string) => void }): Promise<{ pushed: number; failed: SchemaFile | null }> {
  let pushed = 0;
  for (const f of readSchemaFolder(opts.dir)) {
    const res = await fetch(`${opts.url.replace(/\/$/, "")}/api/v1/schemas/${encodeURIComponent(f.type)}/versions/${f.version}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${opts.token}`, "content-type": "application/json" },
      body: JSON.stringify(f.body),
    });
    const answer = (await res.json().catch(() => ({}))) as { status?: string; error?: { code: string; message: string; reasons?: string[] } };
    if (!res.ok) {
      opts.log(`✗ ${f.type} v${f.version} (${path.basename(f.file)}): ${res.status} ${answer.error?.code ?? ""} ${answer.error?.message ?? ""}`);
      for (const r of answer.error?.reasons ?? []) opts.log(`    - ${r}`);
      return { pushed, failed: f };
    }
    opts.log(`✓ ${f.type} v${f.version}: ${answer.status}`);
    pushed++;
  }
  return { pushed, failed: null };
}

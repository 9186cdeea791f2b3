import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env, type EnvName } from "./env";
import { ENV_SPECS } from "./env-specs";

type Row = { names: string[]; cells: string[] };

/** The rows of every README table whose header starts with `| variable |`, keyed by its column count. */
function readmeTables(): { main: Row[]; signIn: Row[] } {
  const lines = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8").split("\n");
  const tables: { main: Row[]; signIn: Row[] } = { main: [], signIn: [] };
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith("| variable |")) continue;
    const target = lines[i].includes("| default |") ? tables.main : tables.signIn;
    for (let j = i + 2; j < lines.length && lines[j].startsWith("|"); j++) {
      const cells = lines[j].slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
      target.push({ names: [...cells[0].matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]), cells });
    }
  }
  return tables;
}

const specs = Object.entries(ENV_SPECS) as [EnvName, (typeof ENV_SPECS)[EnvName]][];
const tables = readmeTables();
const rowOf = (name: string) => [...tables.main, ...tables.signIn].find((r) => r.names.includes(name));

describe("README configuration tables", () => {
  it("name exactly the variables lib/env-specs.ts gives a row of their own", () => {
    const documented = (t: "main" | "sign-in") => specs.filter(([, s]) => typeof s.readme === "object" && "table" in s.readme && s.readme.table === t).map(([n]) => n);
    expect(tables.main.flatMap((r) => r.names).sort()).toEqual(documented("main").sort());
    expect(tables.signIn.flatMap((r) => r.names).sort()).toEqual(documented("sign-in").sort());
  });

  it("state each default as lib/env.ts applies it", () => {
    for (const [name, s] of specs) {
      if (typeof s.readme !== "object" || !("table" in s.readme) || s.readme.table !== "main") continue;
      const stated = s.readme.default ?? `\`${env(name, {})}\``;
      expect({ name, default: rowOf(name)?.cells[1] }).toEqual({ name, default: stated });
    }
  });

  it("mention the variables documented inside another variable's row", () => {
    for (const [name, s] of specs) {
      if (typeof s.readme !== "object" || !("in" in s.readme)) continue;
      expect({ name, mentioned: rowOf(s.readme.in)?.cells.join(" | ").includes(s.readme.mention) }).toEqual({ name, mentioned: true });
    }
  });
});

describe("env", () => {
  it("names the variable and the text it refused instead of reading NaN", () => {
    expect(() => env("HINDSIGHT_POOL_SIZE", { HINDSIGHT_POOL_SIZE: "twenty" })).toThrow('HINDSIGHT_POOL_SIZE must be a whole number above 0 (got "twenty")');
    expect(() => env("HINDSIGHT_STATEMENT_TIMEOUT_MS", { HINDSIGHT_STATEMENT_TIMEOUT_MS: "-1" })).toThrow(/HINDSIGHT_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds/);
    expect(() => env("NEXTAUTH_URL", { NEXTAUTH_URL: "hindsight.example.com" })).toThrow(/NEXTAUTH_URL must be a URL/);
  });

  it("gives the default when unset or empty, and the value when set", () => {
    expect(env("HINDSIGHT_POOL_SIZE", {})).toBe(20);
    expect(env("HINDSIGHT_POOL_SIZE", { HINDSIGHT_POOL_SIZE: "" })).toBe(20);
    expect(env("HINDSIGHT_POOL_SIZE", { HINDSIGHT_POOL_SIZE: "7" })).toBe(7);
    expect(env("HINDSIGHT_STATEMENT_TIMEOUT_MS", { HINDSIGHT_STATEMENT_TIMEOUT_MS: "0" })).toBe(0);
    expect(env("HINDSIGHT_TRUSTED_PROXIES", { HINDSIGHT_TRUSTED_PROXIES: " 10.0.0.0/8, ::1 ," })).toEqual(["10.0.0.0/8", "::1"]);
  });
});

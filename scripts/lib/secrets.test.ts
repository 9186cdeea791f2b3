import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writePrivateFileSync } from "../../lib/private-file";
import { loadOrCreateSecrets } from "./secrets";

// Secrets under .data/ are readable by Hindsight's own user only, including files an earlier release wrote 0644.

const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe("files under .data/", () => {
  it("writes secrets.json 0600, and tightens one an earlier release left 0644", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-secrets-"));
    loadOrCreateSecrets(dir);
    expect(mode(path.join(dir, "secrets.json"))).toBe(0o600);
    fs.chmodSync(path.join(dir, "secrets.json"), 0o644);
    const again = loadOrCreateSecrets(dir);
    expect(mode(path.join(dir, "secrets.json"))).toBe(0o600);
    expect(again.masterKey).toHaveLength(44);
  });

  it("replaces a looser file whole when writing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-private-"));
    const file = path.join(dir, "demo-users.json");
    fs.writeFileSync(file, "{}", { mode: 0o644 });
    writePrivateFileSync(file, '{"a": 1}');
    expect(mode(file)).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toBe('{"a": 1}');
    expect(fs.readdirSync(dir)).toEqual(["demo-users.json"]);
  });
});

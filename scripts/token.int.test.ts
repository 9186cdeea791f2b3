import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { getPool } from "../lib/db";
import { apiRequest, seedUser } from "../lib/testing/auth-fixtures";
import { authenticate } from "../lib/auth/caller";

// `npm run token` against the same database: prints the token once, stores only its hash, audits it.

function run(args: string[]) {
  const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
  return spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/token.ts", ...args], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm run token", () => {
  it("given a name and scopes, then prints a working token once on stdout and stores only its SHA-256", async () => {
    const { user } = await seedUser({ role: "admin" });
    const res = run(["--name", "ci-pipeline", "--scopes", "events:read,events:append", "--owner", user.email]);
    expect(res.status, res.stderr).toBe(0);
    const token = res.stdout.trim();
    expect(token).toMatch(/^hs_[A-Za-z0-9_-]{43}$/);
    expect(res.stderr).toContain(user.email);

    const caller = await authenticate(apiRequest("/api/v1/events", { token }));
    expect([...caller.permissions].sort()).toEqual(["events.append", "events.read"]);

    const { rows } = await getPool().query("SELECT token_hash, prefix FROM api_tokens WHERE name = 'ci-pipeline'");
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token.slice(3));
    const audit = await getPool().query("SELECT actor_id, action FROM audit_log WHERE action = 'token.created' AND target LIKE 'token:ci-pipeline%'");
    expect(audit.rows).toEqual([{ actor_id: "system:cli", action: "token.created" }]);
  });

  it("given an unknown scope or no name, then exit 2 with the usage and no token", () => {
    const bad = run(["--name", "x", "--scopes", "events:read,root:all"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown scope(s): root:all");
    expect(bad.stdout).toBe("");
    expect(run(["--scopes", "events:read"]).status).toBe(2);
  });

  it("given an owner who is not an active admin, then exit 1 with a plain message", async () => {
    const { user } = await seedUser({ role: "viewer" });
    const res = run(["--name", "x", "--scopes", "events:read", "--owner", user.email]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("is not an active admin");
    expect(res.stderr).not.toMatch(/\s+at \S+ \(/);
  });
});

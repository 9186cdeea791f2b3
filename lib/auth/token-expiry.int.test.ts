import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { systemActor } from "../audit/actor";
import { GET as readLog } from "../../app/api/v1/events/route";
import { apiRequest, seedUser } from "../testing/auth-fixtures";
import { createApiToken, listApiTokens } from "./api-tokens";
import { createApiTokenFromCli } from "./create-token-cli";
import { parseTokenExpiry } from "./token-expiry";

// API tokens can expire: an expired token gets 401 token_expired; Settings lists when each expires.

async function call(token: string): Promise<{ status: number; code?: string }> {
  const res = await readLog(apiRequest("/api/v1/events?limit=1", { token }), { params: Promise.resolve({}) });
  return { status: res.status, code: res.status === 200 ? undefined : ((await res.json()) as { error: { code: string } }).error.code };
}

describe("token expiry", () => {
  it("works until it expires, then answers 401 token_expired; Settings shows the expiry", async () => {
    const { user } = await seedUser({ role: "admin" });
    const { token, info } = await createApiToken({ name: "short-lived", scopes: ["events:read"], ownerId: user.id, expiresInSeconds: 3600, actor: systemActor("test") });
    expect(info.expiresAt).not.toBeNull();
    expect(info.expired).toBe(false);
    expect(await call(token)).toEqual({ status: 200, code: undefined });

    await getPool().query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [info.id]);
    expect(await call(token)).toEqual({ status: 401, code: "token_expired" });
    expect((await listApiTokens()).find((t) => t.id === info.id)).toMatchObject({ expired: true });

    const forever = await createApiToken({ name: "forever", scopes: ["events:read"], ownerId: user.id, actor: systemActor("test") });
    expect(forever.info).toMatchObject({ expiresAt: null, expired: false });
    expect((await call(forever.token)).status).toBe(200);
  });

  it("npm run token -- --expires 90d makes a token that expires 90 days after it was made", async () => {
    const { user } = await seedUser({ role: "admin" });
    await createApiTokenFromCli({ name: "cli-90d", scopes: ["events:read"], ownerEmail: user.email, expiresInSeconds: parseTokenExpiry("90d") });
    const { rows } = await getPool().query<{ exact: boolean }>(
      "SELECT expires_at - created_at = interval '90 days' AS exact FROM api_tokens WHERE name = 'cli-90d' AND owner_id = $1",
      [user.id],
    );
    expect(rows).toEqual([{ exact: true }]);
  });
});

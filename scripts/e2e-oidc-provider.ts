// A real, certified OpenID Provider (the oidc-provider package) on loopback for e2e/sso.spec.ts.
// Any login is an account whose e-mail is the login itself, verified unless it starts with
// "unverified-". Like a conformant provider, it gives e-mail only at the userinfo endpoint.
import http from "node:http";
// @ts-expect-error oidc-provider ships no types
import Provider from "oidc-provider";
import { E2E_OIDC_CLIENT, E2E_OIDC_ISSUER, E2E_OIDC_PORT, UNVERIFIED_PREFIX } from "../e2e/fixtures/oidc";
import { E2E_PORT } from "../e2e/fixtures/paths";

const provider = new Provider(E2E_OIDC_ISSUER, {
  clients: [
    {
      client_id: E2E_OIDC_CLIENT.id,
      client_secret: E2E_OIDC_CLIENT.secret,
      redirect_uris: [`http://localhost:${E2E_PORT}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["e2e-only-cookie-key"] },
  findAccount: async (_ctx: unknown, id: string) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: id, email_verified: !id.startsWith(UNVERIFIED_PREFIX), name: id.split("@")[0] }),
  }),
});

const server = http.createServer(provider.callback()).listen(E2E_OIDC_PORT, "127.0.0.1", () => {
  console.log(`[e2e-oidc] OpenID Provider at ${E2E_OIDC_ISSUER}`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

import { defineConfig } from "@playwright/test";
import { E2E_OIDC_CLIENT, E2E_OIDC_ISSUER, E2E_OIDC_NAME } from "./e2e/fixtures/oidc";
import { E2E_CREDENTIALS_FILE, E2E_PORT } from "./e2e/fixtures/paths";

const port = E2E_PORT;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1440, height: 900 },
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot run on these machines.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  // The checks of every page (layout at three widths, axe) run last, over the store as the flows
  // leave it: long names, refusals, alerts and requests they made. Run anywhere in between, what
  // they saw depended on which specs the other worker had finished.
  projects: [
    { name: "flows", testIgnore: /(layout|accessibility)\.spec\.ts$/ },
    { name: "every page", testMatch: /(layout|accessibility)\.spec\.ts$/, dependencies: ["flows"] },
  ],
  // Started in order: the OpenID Provider first, since the app reads its issuer at start (e2e/sso.spec.ts).
  webServer: [
    {
      command: "node node_modules/tsx/dist/cli.mjs scripts/e2e-oidc-provider.ts",
      url: `${E2E_OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      command: "node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/e2e-server.ts",
      url: `http://localhost:${port}/api/health`,
      timeout: 900_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        E2E_CREDENTIALS_FILE,
        HINDSIGHT_OIDC_ISSUER: E2E_OIDC_ISSUER,
        HINDSIGHT_OIDC_CLIENT_ID: E2E_OIDC_CLIENT.id,
        HINDSIGHT_OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.secret,
        HINDSIGHT_OIDC_NAME: E2E_OIDC_NAME,
        // Playwright's API client reuses an idle connection without retrying: one reused just as the
        // server closed it (5 s idle, the default) failed a test once with ECONNRESET. The tests
        // keep connections open longer than any pause between their requests.
        HINDSIGHT_KEEP_ALIVE_TIMEOUT_MS: "65000",
      },
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    },
  ],
});

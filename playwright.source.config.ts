import { defineConfig } from "@playwright/test";
import { E2E_CREDENTIALS_FILE, E2E_PORT } from "./e2e/fixtures/paths";

// Hindsight over an Emmett store (issue #16): its own server variant, so the main e2e run
// (playwright.config.ts, e2e/) stays as it was. Run with `npm run test:e2e:source`.
export default defineConfig({
  testDir: "e2e-source",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results/source",
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    viewport: { width: 1440, height: 900 },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/e2e-source-server.ts",
    url: `http://localhost:${E2E_PORT}/api/health`,
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_CREDENTIALS_FILE },
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});

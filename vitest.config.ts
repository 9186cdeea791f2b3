import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(__dirname),
  // `server-only` throws outside React's server build; tests and scripts are server code.
  "server-only": path.resolve(__dirname, "lib/testing/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["{lib,components,scripts,packages}/**/*.test.ts"], exclude: ["**/*.int.test.ts", "node_modules/**"] },
      },
      {
        resolve: { alias },
        test: {
          name: "int",
          include: ["{lib,app,scripts,packages}/**/*.int.test.ts"],
          globalSetup: ["lib/testing/global-setup.ts"],
          setupFiles: ["lib/testing/fresh-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
          maxWorkers: 2,
        },
      },
    ],
  },
});

import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(__dirname),
  // What a domain module imports (tsconfig paths say the same for tsc and tsx; esbuild aliases it when compiling a domain).
  "hindsight/domain": path.resolve(__dirname, "lib/domain/index.ts"),
  // `server-only` throws outside React's server build; tests and scripts are server code.
  "server-only": path.resolve(__dirname, "lib/testing/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,components,scripts,packages,domains}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          setupFiles: ["lib/testing/demo-domain.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "int",
          include: ["{lib,app,scripts,packages,domains}/**/*.int.test.ts"],
          globalSetup: ["lib/testing/global-setup.ts"],
          setupFiles: ["lib/testing/demo-domain.ts", "lib/testing/fresh-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
          maxWorkers: 2,
        },
      },
    ],
  },
});

import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:resilience`: the production stack under faults (tests/resilience/). Separate from the
 * unit and integration projects: each file starts its own PostgreSQL, app servers and workers, so
 * files run one after the other. Needs a production build (made once when missing).
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    name: "resilience",
    include: ["tests/resilience/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/resilience/support/global-setup.ts"],
    fileParallelism: false,
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 150_000,
  },
});

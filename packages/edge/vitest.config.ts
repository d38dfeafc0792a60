import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";

/** The demo shop's config, seeded as the worker's local start does (the worker itself knows no site). */
const demo = readFileSync(new URL("../../examples/demo-store/vitrine.config.json", import.meta.url), "utf8");

/**
 * The worker's tests run inside workerd with the real Durable Objects, KV, D1 and Queues from
 * wrangler.toml. The D1 migrations are read here (Node) and applied by a setup file (workerd).
 */
export default defineProject({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          ADMIN_TOKEN: "test-admin-token",
          SEED_CONFIGS: `[${demo}]`,
          // Off for the suite (tests send bursts on purpose); faults.test.ts turns them on.
          RATE_LIMITS: "off",
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url))),
        },
      },
    })),
  ],
  // Generous: workerd starts per test file, and two shared cores make a first request slow.
  test: { name: "edge", include: ["test/**/*.test.ts", "src/**/*.test.ts"], testTimeout: 30_000, setupFiles: ["./test/experiments-d1-setup.ts"] },
});

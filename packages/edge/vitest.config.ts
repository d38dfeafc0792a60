import { readFileSync } from "node:fs";
import { defineProject } from "vitest/config";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";

/** The demo shop's config, seeded as the worker's local start does (the worker itself knows no site). */
const demo = readFileSync(new URL("../../examples/demo-store/vitrine.config.json", import.meta.url), "utf8");

/** The worker's tests run inside workerd with the real Durable Objects, KV, D1 and Queues from wrangler.toml. */
export default defineProject({
  plugins: [cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      // Rate limits are off for the suite (tests send bursts on purpose); rate-limit.test.ts turns them on.
      miniflare: { bindings: { ADMIN_TOKEN: "test-admin-token", SEED_CONFIGS: `[${demo}]`, RATE_LIMITS: "off" } },
    })],
  // Generous: workerd starts per test file, and two shared cores make a first request slow.
  test: { name: "edge", include: ["test/**/*.test.ts", "src/**/*.test.ts"], testTimeout: 30_000 },
});

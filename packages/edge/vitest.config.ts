import { readFileSync } from "node:fs";
import { defineProject } from "vitest/config";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";

/** The demo shop's config, seeded as the worker's local start does (the worker itself knows no site). */
const demo = readFileSync(new URL("../../examples/demo-store/vitrine.config.json", import.meta.url), "utf8");

/** The worker's tests run inside workerd with the real Durable Objects, KV, D1 and Queues from wrangler.toml. */
export default defineProject({
  plugins: [cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: { bindings: { ADMIN_TOKEN: "test-admin-token", SEED_CONFIGS: `[${demo}]` } },
    })],
  test: { name: "edge", include: ["test/**/*.test.ts", "src/**/*.test.ts"] },
});

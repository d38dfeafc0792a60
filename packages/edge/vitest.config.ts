import { defineProject } from "vitest/config";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";

/** The worker's tests run inside workerd with the real Durable Objects and KV from wrangler.toml. */
export default defineProject({
  plugins: [cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: { bindings: { ADMIN_TOKEN: "test-admin-token" } },
    })],
  test: { name: "edge", include: ["test/**/*.test.ts", "src/**/*.test.ts"] },
});

import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";

/**
 * The worker's tests run inside workerd with the real Durable Objects, KV, D1 and Queue from
 * wrangler.toml. The D1 migrations are read here (Node) and applied by a setup file (workerd).
 */
export default defineProject({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          ADMIN_TOKEN: "test-admin-token",
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url))),
        },
      },
    })),
  ],
  test: { name: "edge", include: ["test/**/*.test.ts", "src/**/*.test.ts"], setupFiles: ["./test/experiments-d1-setup.ts"] },
});

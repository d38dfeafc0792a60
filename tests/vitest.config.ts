import { defineProject } from "vitest/config";

/**
 * End-to-end: the real worker under `wrangler dev` (workerd) serving the demo shop, driven by
 * Debian's Chromium through playwright-core.
 */
export default defineProject({
  test: {
    name: "e2e",
    include: ["e2e/**/*.test.ts", "build/**/*.test.ts", "newcomer/**/*.test.ts"],
    globalSetup: ["./support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

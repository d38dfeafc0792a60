import { defineConfig } from "vitest/config";

/** One `npm test` runs every project: pure logic, the snippet, the worker in workerd, and end-to-end. */
export default defineConfig({
  test: {
    reporters: ["default", "./scripts/summary-reporter.ts"],
    projects: ["packages/shared", "packages/sdk", "packages/edge", "examples/demo-store", "tests"],
  },
});

import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "sdk",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The contract's types (`*.test-d.ts`) are checked by tsc as part of the run: a drift between
    // the SDK's hand-written types and the worker's zod types fails `vitest run`.
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.contract.json" },
  },
});

import { describe, expect, it } from "vitest";
import { build } from "esbuild";
import { buildSnippet, sizes } from "../build.mjs";

/**
 * The snippet's budget. Raise a ceiling only in the commit that causes the growth, and say why
 * in its message.
 */
const CEILING = { brotli: 3225, gzip: 3600, minified: 7300 };

/** What must never reach the browser: the worker's validation, dynamic code, stray logging. */
const FORBIDDEN = ["zod", "ZodError", "safeParse", "eval(", "new Function", "innerHTML", "document.write"];

describe("vitrine.min.js", async () => {
  const code = await buildSnippet();
  const size = sizes(code);

  it(`stays within ${CEILING.brotli} bytes brotli (is ${size.brotli})`, () => {
    expect(size.brotli).toBeLessThanOrEqual(CEILING.brotli);
    expect(size.gzip).toBeLessThanOrEqual(CEILING.gzip);
    expect(size.minified).toBeLessThanOrEqual(CEILING.minified);
  });

  it.each(FORBIDDEN)("does not contain %s", (word) => {
    expect(code).not.toContain(word);
  });

  it("logs through one debug-only logger", () => {
    // The single console call sits behind `data-debug`.
    expect(code.match(/console\./g)).toHaveLength(1);
    expect(code).toMatch(/\.debug\?\([^)]*\)=>console\.log\(/);
  });

  it("is one IIFE that defines nothing global but window.vitrine", () => {
    expect(code.startsWith("(()=>{")).toBe(true);
    expect(code.endsWith("})();")).toBe(true);
    expect(code.match(/\.vitrine=/g)).toHaveLength(1);
  });
});

describe("@vitrine/sdk ESM entry", () => {
  it("does no work at module scope (a bare import bundles to nothing)", async () => {
    const out = await build({
      stdin: { contents: 'import "./src/index.ts";', resolveDir: new URL("..", import.meta.url).pathname, loader: "ts" },
      bundle: true,
      write: false,
      format: "esm",
      minify: true,
      // Judge the code itself, not the package's "sideEffects": false.
      ignoreAnnotations: true,
      logLevel: "silent",
    });
    expect(out.outputFiles[0]!.text.trim()).toBe("");
  });
});

// Builds the snippet (IIFE, minified) and its lazy part (an ES module), the ESM build with its
// types, and the module the worker imports to serve /v1/sdk.js and /v1/sdk-extra.js; prints and
// records their sizes.
import { build } from "esbuild";
import { minify } from "terser";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const dist = join(root, "dist");

/**
 * The minified snippet as a string. ES2021 keeps `?.`, `??` and `??=`/`||=` short (no browser
 * that has `crypto.randomUUID`, which the snippet needs anyway, lacks them); browsers too old to
 * parse it never run the script, which leaves the page's default content — the snippet's failure mode.
 * `flags` switch build-time features on or off (see src/flags.d.ts); what ships uses the defaults.
 * @example const code = await buildSnippet();
 */
export async function buildSnippet(flags = {}) {
  const out = await build({
    entryPoints: [join(root, "src/snippet.ts")],
    define: defines(flags),
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2021",
    write: false,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
    // The IIFE needs no "use strict" prologue: 13 bytes on every page view.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false, strict: false } },
  });
  // A second pass through terser: its frequency-ordered names compress ~100 bytes better.
  const min = await minify(out.outputFiles[0].text, {
    ecma: 2021,
    compress: { passes: 3 },
    mangle: { properties: { regex: /^_/ } },
  });
  return min.code.trim();
}

/** esbuild `define`s for the build-time flags of src/flags.d.ts: their defaults unless `flags` says otherwise. */
const defines = (flags) => ({ PROXY_HANDOFF: String(flags.PROXY_HANDOFF !== false) });

/**
 * The lazy part (`src/extra.ts`) as a minified ES module: the snippet loads it with `import()`
 * from `/v1/sdk-extra.js` on first use.
 * @example const code = await buildExtra();
 */
export async function buildExtra() {
  const out = await build({
    entryPoints: [join(root, "src/extra.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    write: false,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
  });
  const min = await minify(out.outputFiles[0].text, { ecma: 2020, module: true, compress: { passes: 3 }, mangle: { properties: { regex: /^_/ } } });
  return min.code.trim();
}

/** Bytes of the code as shipped: minified, gzip -9, brotli quality 11 (what the size test holds to). */
export function sizes(code) {
  const buf = Buffer.from(code);
  return {
    minified: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

async function main() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(join(dist, "esm"), { recursive: true });

  const code = await buildSnippet();
  const extra = await buildExtra();
  writeFileSync(join(dist, "vitrine.min.js"), code + "\n");
  writeFileSync(join(dist, "sdk-extra.js"), extra + "\n");

  // The worker serves these strings; the etags are content hashes, quoted by the worker.
  const hash = (text) => createHash("sha256").update(text).digest("hex").slice(0, 16);
  writeFileSync(
    join(dist, "snippet-source.js"),
    [
      `export default ${JSON.stringify(code)};`,
      `export const etag = ${JSON.stringify(hash(code))};`,
      `export const version = ${JSON.stringify(pkg.version)};`,
      `export const extra = ${JSON.stringify(extra)};`,
      `export const extraEtag = ${JSON.stringify(hash(extra))};`,
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dist, "snippet-source.d.ts"),
    [
      "/** The minified browser snippet, served by the worker at `/v1/sdk.js`. */",
      "declare const source: string;",
      "export default source;",
      "/** A content hash of the snippet (16 hex characters, unquoted: wrap it in quotes for the ETag header). */",
      "export declare const etag: string;",
      "/** The @vitrine/sdk version the snippet was built from. */",
      "export declare const version: string;",
      "/** The snippet's lazy part, an ES module served by the worker at `/v1/sdk-extra.js` (the snippet loads it with `import()`, so it needs CORS). */",
      "export declare const extra: string;",
      "/** A content hash of `extra`, like `etag`. */",
      "export declare const extraEtag: string;",
      "",
    ].join("\n"),
  );

  // The lazy part becomes a chunk of its own (`import("./extra")` in index.ts).
  await build({
    entryPoints: [join(root, "src/index.ts")],
    bundle: true,
    splitting: true,
    define: defines({}),
    format: "esm",
    target: "es2020",
    outdir: join(dist, "esm"),
    chunkNames: "[name]-[hash]",
    logLevel: "warning",
  });
  const tsc = join(root, "../../node_modules/typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });

  const size = sizes(code);
  const extraSize = sizes(extra);
  writeFileSync(
    join(dist, "size.json"),
    JSON.stringify([{ file: "vitrine.min.js", ...size }, { file: "sdk-extra.js", ...extraSize }], null, 2) + "\n",
  );
  console.log(`@vitrine/sdk ${pkg.version}  vitrine.min.js  ${size.minified} B minified  ${size.gzip} B gzip  ${size.brotli} B brotli`);
  console.log(`@vitrine/sdk ${pkg.version}  sdk-extra.js    ${extraSize.minified} B minified  ${extraSize.gzip} B gzip  ${extraSize.brotli} B brotli (loaded on first use)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

// Builds the snippet (IIFE, minified), the ESM build with its types, and the module the worker
// imports to serve /v1/sdk.js; prints and records the snippet's size.
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
 * The minified snippet as a string. ES2020 keeps `?.` and `??` short; browsers too old to parse
 * it never run the script, which leaves the page's default content — the snippet's failure mode.
 * @example const code = await buildSnippet();
 */
export async function buildSnippet() {
  const out = await build({
    entryPoints: [join(root, "src/snippet.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    write: false,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
    // The IIFE needs no "use strict" prologue: 13 bytes on every page view.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false, strict: false } },
  });
  // A second pass through terser: its frequency-ordered names compress ~100 bytes better.
  const min = await minify(out.outputFiles[0].text, {
    ecma: 2020,
    compress: { passes: 3 },
    mangle: { properties: { regex: /^_/ } },
  });
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
  writeFileSync(join(dist, "vitrine.min.js"), code + "\n");

  // The worker serves this string; the etag is a content hash, quoted by the worker.
  const etag = createHash("sha256").update(code).digest("hex").slice(0, 16);
  writeFileSync(
    join(dist, "snippet-source.js"),
    `export default ${JSON.stringify(code)};\nexport const etag = ${JSON.stringify(etag)};\nexport const version = ${JSON.stringify(pkg.version)};\n`,
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
      "",
    ].join("\n"),
  );

  await build({
    entryPoints: [join(root, "src/index.ts")],
    bundle: true,
    format: "esm",
    target: "es2020",
    outfile: join(dist, "esm/index.js"),
    external: ["idb-keyval"],
    logLevel: "warning",
  });
  const tsc = join(root, "../../node_modules/typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });

  const size = sizes(code);
  writeFileSync(join(dist, "size.json"), JSON.stringify({ file: "vitrine.min.js", ...size }, null, 2) + "\n");
  console.log(`@vitrine/sdk ${pkg.version}  vitrine.min.js  ${size.minified} B minified  ${size.gzip} B gzip  ${size.brotli} B brotli`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

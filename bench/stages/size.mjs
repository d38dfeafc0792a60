// (d) Bytes a shop's visitors download: Vitrine's snippet as built, and competitor SDKs
// bundled from bench/size-entries/ with the same esbuild settings (bundle, minify, browser,
// IIFE, ES2020, production). Sizes are minified, gzip -9 and brotli quality 11.
import { build } from "esbuild";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { ROOT } from "../lib/wrangler.mjs";

/** The competitors, their entry in bench/size-entries/ and the package whose version is shown. */
export const COMPETITORS = [
  { name: "ahoy.js (tracking only)", entry: "ahoy.js", pkg: "ahoy.js" },
  { name: "Plausible tracker (analytics only)", entry: "plausible.js", pkg: "plausible-tracker" },
  { name: "GrowthBook", entry: "growthbook.js", pkg: "@growthbook/growthbook" },
  { name: "Segment analytics-next", entry: "segment.js", pkg: "@segment/analytics-next" },
  { name: "Ninetailed", entry: "ninetailed.js", pkg: "@ninetailed/experience.js" },
  { name: "PostHog", entry: "posthog.js", pkg: "posthog-js" },
];

export const SNIPPET = join(ROOT, "packages", "sdk", "dist", "vitrine.min.js");

/** Minified, gzip -9 and brotli-11 bytes of `code`. */
export function sizesOf(code) {
  const buf = Buffer.from(code);
  return {
    minified: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
  };
}

function versionOf(pkg) {
  return JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
}

/** @param {{ log: (line: string) => void }} options */
export async function measureSizes({ log }) {
  if (!existsSync(SNIPPET)) throw new Error(`vitrine bench: ${SNIPPET} is missing; run \`npm run build\` first (npm run bench does)`);
  const rows = [{ name: "Vitrine snippet", version: versionOf("@vitrine/sdk"), ...sizesOf(readFileSync(SNIPPET, "utf8").trim()) }];
  for (const c of COMPETITORS) {
    const out = await build({
      entryPoints: [join(ROOT, "bench", "size-entries", c.entry)],
      bundle: true,
      minify: true,
      platform: "browser",
      format: "iife",
      target: "es2020",
      write: false,
      legalComments: "none",
      logLevel: "silent",
      define: { "process.env.NODE_ENV": '"production"' },
    });
    const row = { name: c.name, package: c.pkg, version: versionOf(c.pkg), ...sizesOf(out.outputFiles[0].text) };
    log(`  ${c.pkg}@${row.version}: ${row.brotli} B brotli`);
    rows.push(row);
  }
  return rows;
}

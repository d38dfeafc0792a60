import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, expect, it } from "vitest";

const EDGE = join(import.meta.dirname, "..", "..", "packages", "edge");
const WRANGLER = join(import.meta.dirname, "..", "..", "node_modules", "wrangler", "bin", "wrangler.js");
const out = mkdtempSync(join(tmpdir(), "vitrine-bundle-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Bytes are deterministic: the deployable bundle must stay small enough to start fast. */
const GZIP_CEILING = 100 * 1024;

it("wrangler deploy --dry-run accepts the worker, and its minified bundle stays under 100 KB gzip", () => {
  const log = execFileSync(process.execPath, [WRANGLER, "deploy", "--dry-run", "--minify", "--outdir", out], {
    cwd: EDGE,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  expect(log).toMatch(/--dry-run: exiting now/);
  expect(log).toMatch(/env\.VISITORS \(VisitorProfile\)/);
  const bundle = readFileSync(join(out, "index.js"));
  const gzip = gzipSync(bundle, { level: 9 }).byteLength;
  expect(gzip).toBeLessThan(GZIP_CEILING);
  // zod's locales must never ride along (only English is loaded).
  expect(bundle.toString()).not.toMatch(/Слишком|Demasiado|trop petit/);
}, 120_000);

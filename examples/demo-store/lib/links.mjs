/**
 * Checks that every page's `src`/`href` on the shop resolves to a built file and that no page
 * points off-site: the demo must work offline.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The worker's own routes; they exist only when the shop is served through it. */
const WORKER = /^\/v1\//;

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * The file a shop path is served from, or undefined.
 * @example resolvePath("public", "/c/kids/?x=1") // "public/c/kids/index.html"
 */
export function resolvePath(out, path) {
  const clean = decodeURIComponent(path.replace(/[?#].*$/, ""));
  const file = join(out, clean.endsWith("/") ? `${clean}index.html` : clean);
  return existsSync(file) ? file : undefined;
}

/**
 * Throws one Error listing every broken or external link; returns counts when all resolve.
 * @example checkLinks("public", ["/img/hero/kids.svg"]) // { checked: 1480, unique: 92 }
 */
export function checkLinks(out, extra = []) {
  const problems = [];
  const targets = new Set();
  let checked = 0;
  const check = (from, url) => {
    checked++;
    if (/^[a-z]+:/i.test(url) || url.startsWith("//")) return problems.push(`${from} links off-site to ${url}`);
    if (WORKER.test(url)) return;
    targets.add(url);
    if (!resolvePath(out, url)) problems.push(`${from} links to ${url}, which was not built`);
  };
  for (const file of htmlFiles(out)) {
    const from = file.slice(out.length) || "/";
    for (const [, url] of readFileSync(file, "utf8").matchAll(/\s(?:src|href)="([^"]*)"/g)) check(from, url);
  }
  extra.forEach((url) => check("vitrine.config.json", url));
  if (problems.length) throw new Error(`demo-store: ${problems.length} broken link(s):\n  - ${problems.join("\n  - ")}`);
  return { checked, unique: targets.size };
}

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const store = fileURLToPath(new URL("..", import.meta.url));

/**
 * Builds the shop into a fresh temporary folder with the real CLI (`node build.mjs --out`), so
 * tests never race a server reading `public/`.
 * @example const site = buildSite(); site.read("/c/kids/")
 */
export function buildSite() {
  const out = mkdtempSync(join(tmpdir(), "vitrine-demo-store-"));
  const log = execFileSync(process.execPath, ["build.mjs", "--out", out], { cwd: store, encoding: "utf8" });
  /** The file a shop URL is served from: `/c/kids/` → `<out>/c/kids/index.html`. */
  const file = (url: string) => join(out, url.replace(/[?#].*$/, "").replace(/\/$/, "/index.html"));
  return { out, log, file, read: (url: string) => readFileSync(file(url), "utf8") };
}

// Builds the snippet when its generated module is missing, so `npm run typecheck` works on a
// fresh clone: the worker imports `@vitrine/sdk/snippet-source`, which only a build writes.
//   node scripts/ensure-sdk-built.mjs [--dist DIR] [--dry-run]
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const at = argv.indexOf("--dist");
const dist = at >= 0 ? argv[at + 1] : join(ROOT, "packages", "sdk", "dist");
const needed = ["snippet-source.js", "snippet-source.d.ts"].filter((file) => !existsSync(join(dist, file)));

if (needed.length === 0) {
  process.exit(0);
} else if (argv.includes("--dry-run")) {
  console.log(`would build the snippet: ${needed.join(", ")} missing from ${dist}`);
} else {
  console.log(`Building the snippet first (${needed.join(", ")} missing) …`);
  execFileSync(process.execPath, [join(ROOT, "packages", "sdk", "build.mjs")], { cwd: join(ROOT, "packages", "sdk"), stdio: "inherit" });
}

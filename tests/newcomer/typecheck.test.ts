import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { ROOT } from "./support/cli";

const empty = mkdtempSync(join(tmpdir(), "vitrine-dist-"));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

it("npm run typecheck builds the snippet first when a fresh clone has no build of it", () => {
  const script = join(ROOT, "scripts", "ensure-sdk-built.mjs");
  expect(execFileSync(process.execPath, [script, "--dist", empty, "--dry-run"], { encoding: "utf8" })).toMatch(/would build the snippet: snippet-source\.js, snippet-source\.d\.ts missing/);
  expect(execFileSync(process.execPath, [script, "--dry-run"], { encoding: "utf8" })).toBe("");
  expect(JSON.parse(execFileSync("node", ["-e", "process.stdout.write(JSON.stringify(require('./package.json').scripts.typecheck))"], { cwd: ROOT, encoding: "utf8" }))).toMatch(/^node scripts\/ensure-sdk-built\.mjs && tsc /);
});

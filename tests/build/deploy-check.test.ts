import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const SCRIPT = join(ROOT, "scripts", "deploy-check.mjs");
const EDGE = join(ROOT, "packages", "edge");
const broken = join(EDGE, "wrangler.deploy-check-test.toml");
afterAll(() => rmSync(broken, { force: true }));

const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } }).then(
    ({ stdout }) => ({ code: 0, out: stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }),
  );

describe("npm run deploy:check", () => {
  it("accepts the shipped wrangler.toml and dry-runs the upload", async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    expect(out).toMatch(/✓ RESULTS\s+D1Database\s+ok/);
    expect(out).toMatch(/the upload would be [\d,]+ B minified/);
  }, 180_000);

  it("names a binding the code uses that the config lacks", async () => {
    const toml = readFileSync(join(EDGE, "wrangler.toml"), "utf8").replace(/\[\[d1_databases\]\][\s\S]*?migrations_dir = "migrations"\n/, "");
    writeFileSync(broken, toml);
    const { code, out } = await run("--config", broken, "--no-dry-run");
    expect(code).toBe(1);
    expect(out).toMatch(/✗ RESULTS\s+D1Database\s+MISSING/);
  }, 60_000);
});

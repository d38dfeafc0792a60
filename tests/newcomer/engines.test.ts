import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/cli";

// The Node versions the root package.json promises must be ones every installed package accepts,
// so `npm ci` prints no EBADENGINE warning — except for the copies that
// @cloudflare/vitest-pool-workers pins for itself, which the README explains.
const semver = createRequire(join(ROOT, "package.json"))("semver") as {
  subset: (sub: string, sup: string) => boolean;
  satisfies: (version: string, range: string) => boolean;
};
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), "utf8"));
const pkg = read("package.json");
const lock = read("package-lock.json");
const POOL = "node_modules/@cloudflare/vitest-pool-workers/node_modules/";

/**
 * Installed packages whose `engines.node` does not accept every version the root accepts
 * (optional ones for other platforms, which npm skips, do not count).
 */
function disagreeing(): { path: string; name: string; version: string; node: string }[] {
  const out = [];
  for (const [path, entry] of Object.entries<any>(lock.packages)) {
    const node = entry.engines?.node;
    if (!path || !node || semver.subset(pkg.engines.node, node) || !existsSync(join(ROOT, path))) continue;
    out.push({ path, name: path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length), version: entry.version, node });
  }
  return out;
}

describe("engines and pins", () => {
  it("the Node running the tests is one the root package accepts", () => {
    expect(semver.satisfies(process.version, pkg.engines.node), `${process.version} vs ${pkg.engines.node}`).toBe(true);
    expect(lock.packages[""].engines.node).toBe(pkg.engines.node);
  });

  it("keeps the pins that run on Node 20", () => {
    const pins = { wrangler: "4.86.0", miniflare: "4.20260426.0", "@cloudflare/vitest-pool-workers": "0.23.0", vitest: "4.1.12" };
    for (const [name, version] of Object.entries(pins)) {
      expect(pkg.devDependencies[name]).toBe(version);
      expect(lock.packages[`node_modules/${name}`].version).toBe(version);
    }
  });

  it("only the vitest pool's own copies want a newer Node, and the README says why that is harmless", () => {
    const others = disagreeing();
    expect(others.filter((p) => !p.path.startsWith(POOL))).toEqual([]);
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain("EBADENGINE");
    for (const p of others) expect(readme, `README should name ${p.name}@${p.version}`).toContain(`${p.name}@${p.version}`);
  });
});

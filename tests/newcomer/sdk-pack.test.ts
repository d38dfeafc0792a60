import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, exitWithin, npm, run, tempDir } from "./support/cli";

// @vitrine/sdk is not on a registry yet: a shop installs it from a tarball (`npm pack`). That
// tarball must build itself (prepack), carry its types, need nothing from the network, and
// bundle the way a shop's bundler would. `npm pack` rebuilds the package's dist: it runs on a
// copy of the package (two levels below the root, as packages/sdk is, so its build finds the
// root's node_modules), because the local worker other tests run serves the snippet from
// packages/sdk/dist and restarts when those files change.
const scratch = tempDir("sdk-pack");
const copy = join(ROOT, ".scratch", `sdk-pack-${process.pid}`);
cpSync(join(ROOT, "packages", "sdk"), copy, { recursive: true, filter: (path) => !/[\\/](node_modules|dist)$/.test(path) });
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(copy, { recursive: true, force: true });
});

describe("the @vitrine/sdk tarball", () => {
  let tarball: string;
  const shop = join(scratch, "shop");

  it("is built by npm pack and holds the ESM build, its types and the snippet, not the sources", async () => {
    const pack = npm(["pack", "--pack-destination", scratch], {}, copy);
    expect(await exitWithin(pack, 120_000), pack.output()).toBe(0);
    expect(pack.output()).toContain("vitrine.min.js"); // prepack ran the build, which prints its size
    const file = readdirSync(scratch).find((name) => name.endsWith(".tgz"));
    expect(file, pack.output()).toBeDefined();
    tarball = join(scratch, file!);
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
    for (const needed of ["package/package.json", "package/README.md", "package/dist/esm/index.js", "package/dist/esm/index.d.ts", "package/dist/esm/types.d.ts", "package/dist/vitrine.min.js"]) {
      expect(files).toContain(needed);
    }
    expect(files.filter((name) => name.includes("/src/") || name.endsWith(".test.ts") || name.endsWith("build.mjs"))).toEqual([]);
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.license).toBe("MIT");
    expect(manifest.types).toBe("./dist/esm/index.d.ts");
  });

  it("installs into a project offline (no runtime dependencies to fetch)", async () => {
    mkdirSync(shop, { recursive: true });
    writeFileSync(join(shop, "package.json"), JSON.stringify({ name: "a-shop", private: true, type: "module" }));
    const install = npm(["install", "--offline", "--no-audit", "--no-fund", tarball], {}, shop);
    expect(await exitWithin(install, 60_000), install.output()).toBe(0);
    expect(install.output()).toMatch(/added 1 package/);
    expect(readdirSync(join(shop, "node_modules")).filter((name) => !name.startsWith("."))).toEqual(["@vitrine"]);
  });

  it("bundles `import { init } from \"@vitrine/sdk\"` with esbuild, and its types check", async () => {
    writeFileSync(
      join(shop, "entry.ts"),
      [
        'import { init, type Decision, type Options } from "@vitrine/sdk";',
        'const options: Options = { site: "demo", endpoint: "https://edge.example.com" };',
        "export const vitrine = init(options);",
        "export const segments = (d: Decision): string[] => d.segments;",
        "",
      ].join("\n"),
    );
    const out = await build({ absWorkingDir: shop, entryPoints: ["entry.ts"], bundle: true, format: "esm", write: false, logLevel: "silent" });
    const code = out.outputFiles[0]!.text;
    expect(code).toContain("/v1/"); // the worker's API, from init's code
    expect(code).toContain("vitrine:"); // its events and error messages
    expect(code).toMatch(/\binit\b/);

    // Types: the right call checks, and a wrong one is caught (else `@ts-expect-error` fails tsc).
    writeFileSync(join(shop, "wrong.ts"), 'import { init } from "@vitrine/sdk";\n// @ts-expect-error site is a string\ninit({ site: 1, endpoint: "x" });\n');
    writeFileSync(
      join(shop, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, lib: ["ES2022", "DOM"], types: [] }, files: ["entry.ts", "wrong.ts"] }),
    );
    const tsc = run(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(shop, "tsconfig.json")]);
    expect(await exitWithin(tsc, 60_000), tsc.output()).toBe(0);
  });
});

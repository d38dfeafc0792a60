// Bare workerd: the edge worker bundled as `wrangler deploy` would upload it, served by the
// workerd binary with a capnp config from bench/workerd/, no wrangler or Miniflare in between.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { ROOT, EDGE_DIR } from "./wrangler.mjs";
import { spawnGroup } from "./proc.mjs";
import { waitFor200 } from "./net.mjs";
import { demoSeeds } from "../../scripts/worker.mjs";

const run = promisify(execFile);
const BENCH = join(ROOT, "bench");
export const WORKERD = join(ROOT, "node_modules", "workerd", "bin", "workerd");
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

/**
 * Bundles packages/edge with `wrangler deploy --dry-run --minify` (offline) into `outDir`;
 * `minify: false` keeps names and esbuild's per-module comments (for profiles); `edgeDir` bundles
 * another checkout's packages/edge (bench:ab).
 * @returns {Promise<{ file: string, minified: number, gzip: number }>}
 */
export async function bundleEdge(outDir, { minify = true, edgeDir = EDGE_DIR } = {}) {
  await run(process.execPath, [WRANGLER, "deploy", "--dry-run", ...(minify ? ["--minify"] : []), "--outdir", outDir], {
    cwd: edgeDir,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
    maxBuffer: 16 * 1024 * 1024,
  });
  const file = join(outDir, "index.js");
  const code = readFileSync(file);
  return { file, minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/**
 * Lays out a directory workerd can serve: `kind` "edge" (needs the bundle), "hello" or "floor"
 * (bench/floor: one Durable Object call appending one row per request). The edge
 * gets `seeds` as its `SEED_CONFIGS` text binding (default: the demo shop's config, as
 * `npm start` passes it).
 * @returns {string} the config file's path
 */
export function prepareBare(kind, dir, edgeBundle, seeds = demoSeeds()) {
  mkdirSync(join(dir, "do"), { recursive: true });
  let capnp = readFileSync(join(BENCH, "workerd", `${kind}.capnp`), "utf8");
  if (kind === "edge") {
    copyFileSync(edgeBundle, join(dir, "edge.js"));
    // The console's scripts and styles, which wrangler writes beside the bundle as text modules.
    const texts = readdirSync(dirname(edgeBundle)).filter((file) => file !== basename(edgeBundle) && /\.(client\.js|css)$/.test(file));
    for (const file of texts) copyFileSync(join(dirname(edgeBundle), file), join(dir, file));
    capnp = capnp.replace('(name = "edge.js", esModule = embed "edge.js")', ['(name = "edge.js", esModule = embed "edge.js")', ...texts.map((file) => `(name = "${file}", text = embed "${file}")`)].join(", "));
    copyFileSync(join(BENCH, "workerd", "kv-stub.js"), join(dir, "kv-stub.js"));
    writeFileSync(join(dir, "seeds.json"), JSON.stringify(seeds));
  } else {
    copyFileSync(join(BENCH, kind, "index.js"), join(dir, `${kind}.js`));
  }
  writeFileSync(join(dir, `${kind}.capnp`), capnp);
  return join(dir, `${kind}.capnp`);
}

/**
 * Starts `workerd serve` on a prepared directory. `readyMs` is spawn → first 200 on
 * `healthPath`, polled every `pollMs`.
 * `extraArgs` go to `workerd serve` as they are (e.g. `--inspector-addr=…`).
 * @param {{ dir: string, config: string, port: number, storageDir?: string, pollMs?: number, healthPath?: string, extraArgs?: string[] }} options
 */
export async function startWorkerd({ dir, config, port, storageDir, pollMs = 250, healthPath = "/v1/health", extraArgs = [] }) {
  const args = ["serve", config, `--socket-addr=http=127.0.0.1:${port}`, ...extraArgs];
  if (storageDir) args.push(`--directory-path=do-disk=${storageDir}`);
  const since = performance.now();
  const proc = spawnGroup(WORKERD, args, { cwd: dir });
  const url = `http://127.0.0.1:${port}`;
  try {
    const readyMs = await waitFor200({ url: url + healthPath, exited: proc.exited, timeoutMs: 30_000, intervalMs: pollMs, since, log: proc.log, what: `workerd (${config})` });
    return { url, pid: proc.child.pid, readyMs, stop: proc.stop, log: proc.log };
  } catch (error) {
    await proc.stop();
    throw error;
  }
}

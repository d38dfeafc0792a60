// Starts a worker with `wrangler dev` (local workerd through Miniflare) the way
// scripts/worker.mjs does, generalised to any project directory so the hello-world baseline
// runs exactly like the edge worker. Also exposes the process id, for CPU accounting.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnGroup } from "./proc.mjs";
import { waitFor200 } from "./net.mjs";
import { demoSeeds } from "../../scripts/worker.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const EDGE_DIR = join(ROOT, "packages", "edge");
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

/**
 * The edge worker gets the demo shop's config as its seed (`SEED_CONFIGS`), as `npm start` does.
 * @param {{ cwd: string, port: number, persistTo: string, healthPath?: string, timeoutMs?: number }} options
 * @returns {Promise<{ url: string, pid: number, readyMs: number, stop: () => Promise<void>, log: () => string }>}
 */
export async function startWrangler({ cwd, port, persistTo, healthPath = "/v1/health", timeoutMs = 90_000 }) {
  const since = performance.now();
  const args = [WRANGLER, "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistTo, "--show-interactive-dev-session=false", "--log-level", "warn"];
  // Load from one loopback address would trip the per-address rate limit: off for benchmarks.
  if (cwd === EDGE_DIR) args.push("--var", `SEED_CONFIGS:${JSON.stringify(demoSeeds())}`, "--var", "RATE_LIMITS:off");
  const proc = spawnGroup(process.execPath, args, {
    cwd,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    const readyMs = await waitFor200({ url: url + healthPath, exited: proc.exited, timeoutMs, since, log: proc.log, what: `wrangler dev in ${cwd}` });
    return { url, pid: proc.child.pid, readyMs, stop: proc.stop, log: proc.log };
  } catch (error) {
    await proc.stop();
    throw error;
  }
}

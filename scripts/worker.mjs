// Starts the edge worker locally with `wrangler dev` (workerd, local Durable Objects and KV) and
// waits until it answers /v1/health. Used by `npm start`, the end-to-end tests and the benchmarks.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const EDGE_DIR = join(root, "packages", "edge");
const WRANGLER = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

/**
 * @param {{ port?: number, persistTo?: string, quiet?: boolean, timeoutMs?: number, vars?: Record<string,string> }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void>, output: () => string }>}
 */
export async function startWorker({ port = 8787, persistTo = join(root, ".vitrine", "state"), quiet = true, timeoutMs = 60_000, vars = {} } = {}) {
  const args = [WRANGLER, "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistTo, "--show-interactive-dev-session=false", "--log-level", quiet ? "warn" : "info"];
  for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
  const child = spawn(process.execPath, args, {
    cwd: EDGE_DIR,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: process.platform !== "win32",
  });
  let log = "";
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
    if (!quiet) process.stderr.write(chunk);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let ready = false;
  while (Date.now() < deadline) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("waiting"), 250))]);
    if (code !== "waiting") throw new Error(`vitrine: wrangler dev exited with code ${code} before the worker was ready on ${url}\n${log}`);
    try {
      // wrangler dev holds requests while a build is broken: never wait on one answer for long.
      const res = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) {
        ready = true;
        break;
      }
    } catch {
      // not listening yet
    }
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  if (!ready) {
    await stop();
    throw new Error(`vitrine: the worker did not answer ${url}/v1/health within ${timeoutMs} ms\n${log}`);
  }
  return { url, stop, output: () => log };
}

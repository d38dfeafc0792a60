// Starts the edge worker locally with `wrangler dev` (workerd, local Durable Objects and KV) and
// waits until it answers /v1/health. Used by `npm start`, the end-to-end tests and the benchmarks.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { stopGroup } from "./lib/group.mjs";
import { describeTakenPort, portProblem } from "./lib/ports.mjs";
import { DEFAULT_STATE_DIR, removeLock, runningWorker, shortPath, writeLock } from "./lib/state.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const EDGE_DIR = join(root, "packages", "edge");
const WRANGLER = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const GUARD = join(root, "scripts", "worker-guard.mjs");

/** The demo shop's site config, the seed a fresh local worker serves as site "demo". */
export const DEMO_CONFIG_FILE = join(root, "examples", "demo-store", "vitrine.config.json");

/**
 * The seeds a local worker gets unless told otherwise: the demo shop's config, as shipped.
 * @example startWorker({ seeds: [...demoSeeds(), myOtherSite] })
 * @returns {object[]}
 */
export function demoSeeds() {
  return [JSON.parse(readFileSync(DEMO_CONFIG_FILE, "utf8"))];
}

/** Linux caps one argument at 128 KiB (MAX_ARG_STRLEN); stay clear of it. */
const MAX_VAR_BYTES = 120_000;

/**
 * Error thrown when the port or the state directory is taken; `code` says which.
 * @param {string} message
 * @param {"EADDRINUSE" | "EACCES" | "ESTATEINUSE" | string} code
 * @param {number} port
 */
function refusal(message, code, port) {
  return Object.assign(new Error(message), { code, port });
}

/**
 * Starts `wrangler dev` on 127.0.0.1:`port` with state in `persistTo`, the site configs `seeds`
 * (the text binding `SEED_CONFIGS`, a JSON array; a site with no stored config serves its seed
 * as version 0) and extra `vars`. Refuses, before spawning anything, a port something already
 * listens on and a state directory another worker uses. Everything it starts runs in one
 * process group that `stop()` takes down, and that stops by itself if this process dies.
 * @example
 * const worker = await startWorker({ port: 8790, persistTo: tmpDir, vars: { ADMIN_TOKEN: "t" } });
 * await fetch(`${worker.url}/v1/health`);
 * await worker.stop();
 * @param {{ port?: number, persistTo?: string, quiet?: boolean, timeoutMs?: number, vars?: Record<string,string>, seeds?: object[], signal?: AbortSignal }} options
 * @returns {Promise<{ url: string, pid: number, stop: () => Promise<void>, output: () => string, exited: Promise<number | null> }>}
 */
/**
 * Applies the results database's migrations (packages/edge/migrations) to the local D1 in
 * `persistTo`; resolves with wrangler's output, rejects naming the command and its output.
 * Repeating it is harmless ("No migrations to apply!").
 * @example await applyMigrations(".vitrine/state");
 */
export function applyMigrations(persistTo) {
  return startMigrations(persistTo).done;
}

/**
 * applyMigrations with a handle on it. It runs under the guard, as a process group of its own, so
 * whatever wrangler starts for it (a workerd) goes when it ends or when a worker stopped early
 * ends it.
 */
function startMigrations(persistTo) {
  const args = [WRANGLER, "d1", "migrations", "apply", "vitrine-results", "--local", "--persist-to", persistTo];
  const child = spawn(process.execPath, [GUARD, "--", process.execPath, ...args], {
    cwd: EDGE_DIR,
    env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    stdio: ["pipe", "pipe", "pipe"],
    detached: process.platform !== "win32",
  });
  child.stdin.on("error", () => {});
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  const done = new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      child.stdin.destroy();
      if (code === 0) resolve(out);
      else reject(new Error(`vitrine: applying the results database's migrations failed (wrangler d1 migrations apply vitrine-results --local --persist-to ${persistTo})\n${out}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (process.platform === "win32") child.kill();
    else await stopGroup(child.pid);
  };
  return { done, stop };
}

export async function startWorker({ port = 8787, persistTo = DEFAULT_STATE_DIR, quiet = true, timeoutMs = 60_000, vars = {}, seeds = demoSeeds(), signal } = {}) {
  if (!Array.isArray(seeds)) throw new TypeError(`vitrine: startWorker's seeds must be an array of site configs, got ${typeof seeds}`);
  const seedVar = JSON.stringify(seeds);
  if (Buffer.byteLength(seedVar) > MAX_VAR_BYTES) throw new RangeError(`vitrine: the seed configs take ${Buffer.byteLength(seedVar)} bytes as JSON; wrangler's --var holds at most ${MAX_VAR_BYTES}`);
  const problem = await portProblem(port);
  if (problem) throw refusal(`vitrine: ${await describeTakenPort(port, problem)}`, problem, port);
  const using = runningWorker(persistTo);
  if (using) {
    const where = using.port ? ` on port ${using.port}` : "";
    throw refusal(`vitrine: the local state in ${shortPath(persistTo)} is in use by the Vitrine worker${where} (pid ${using.pid}); two workers must not share it`, "ESTATEINUSE", port);
  }
  mkdirSync(persistTo, { recursive: true });
  // wrangler dev does not apply D1 migrations itself; this runs beside its start-up (both take seconds).
  const migrations = startMigrations(persistTo);
  const migrated = migrations.done;
  migrated.catch(() => {}); // awaited below, once the worker is up

  const args = [WRANGLER, "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistTo, "--show-interactive-dev-session=false", "--log-level", quiet ? "warn" : "info"];
  // wrangler splits `--var KEY:VALUE` at the first colon, so JSON values pass through whole.
  for (const [key, value] of Object.entries({ SEED_CONFIGS: seedVar, ...vars })) args.push("--var", `${key}:${value}`);
  const child = spawn(process.execPath, [GUARD, "--lock", persistTo, "--", process.execPath, ...args], {
    cwd: EDGE_DIR,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
    // The guard watches its stdin: when this process dies, the pipe closes and the worker stops.
    stdio: ["pipe", "pipe", "pipe"],
    detached: process.platform !== "win32",
  });
  child.stdin.on("error", () => {});
  writeLock(persistTo, { pid: child.pid, port });
  let log = "";
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
    if (!quiet) process.stderr.write(chunk);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));

  const stop = async () => {
    await migrations.stop();
    // Wait for every member of the group, not just the guard: workerd holds the port.
    if (process.platform === "win32") child.kill();
    else await stopGroup(child.pid);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    child.stdin.destroy();
    removeLock(persistTo, child.pid);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let ready = false;
  while (Date.now() < deadline && !signal?.aborted) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("waiting"), 250))]);
    if (code !== "waiting") {
      await stop();
      throw new Error(`vitrine: wrangler dev exited with code ${code} before the worker was ready on ${url}\n${log}`);
    }
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
  if (!ready) {
    await stop();
    if (signal?.aborted) throw Object.assign(new Error("vitrine: start cancelled"), { code: "ABORT_ERR" });
    throw new Error(`vitrine: the worker did not answer ${url}/v1/health within ${timeoutMs} ms\n${log}`);
  }
  try {
    await migrated;
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, stop, output: () => log, exited };
}

// The local worker's persisted state (wrangler dev's Durable Objects, KV, caches): where it
// lives, whether a worker is using it, and how to remove it.
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** `.vitrine/state` at the repository root: what `npm start` uses unless told otherwise. */
export const DEFAULT_STATE_DIR = join(root, ".vitrine", "state");

/** The file a running worker keeps in its state directory: `{pid, port, startedAt}`. */
export const LOCK_FILE = "vitrine-worker.json";

/** What wrangler dev writes into a persist directory, besides our lock file. */
const STATE_ENTRIES = new Set(["v3", LOCK_FILE]);

/**
 * The state directory asked for: `--state DIR`, else `$VITRINE_STATE`, else `.vitrine/state`.
 * A relative path is taken from where the command was typed (npm's `INIT_CWD`).
 * @example resolveStateDir(undefined) // "/…/vitrine/.vitrine/state"
 * @param {string | undefined} flag
 */
export function resolveStateDir(flag) {
  const asked = flag ?? process.env.VITRINE_STATE;
  return asked ? resolve(process.env.INIT_CWD ?? process.cwd(), asked) : DEFAULT_STATE_DIR;
}

/** A path relative to the repository root when it is inside it, for messages. */
export function shortPath(path) {
  return path.startsWith(root + "/") ? path.slice(root.length + 1) : path;
}

/**
 * Records that the worker in process group `pid` serves `port` from state `dir`.
 * @example writeLock(dir, { pid: guard.pid, port: 8787 });
 */
export function writeLock(dir, { pid, port }) {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, port, startedAt: new Date().toISOString() }) + "\n");
}

/**
 * Removes the lock of `dir` if it names `pid` (a newer worker's lock is left alone).
 * @example removeLock(dir, guard.pid);
 */
export function removeLock(dir, pid) {
  const lock = readLock(dir);
  if (lock && lock.pid === pid) rmSync(join(dir, LOCK_FILE), { force: true });
}

function readLock(dir) {
  try {
    const lock = JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"));
    return Number.isInteger(lock?.pid) ? lock : null;
  } catch {
    return null;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
  // A recycled pid belongs to some other program: on Linux check it is still our worker.
  if (process.platform !== "linux") return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("worker-guard");
  } catch {
    return false;
  }
}

/** Linux: a wrangler dev started by hand (or by an older script) on this state, from /proc. */
function wranglerOn(dir) {
  if (process.platform !== "linux") return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let argv;
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue;
    }
    const at = argv.indexOf("--persist-to");
    if (at < 0 || !argv.some((arg) => arg.endsWith("wrangler.js") || arg.endsWith("wrangler"))) continue;
    if (resolve(readCwd(entry), argv[at + 1] ?? "") !== dir) continue;
    const portAt = argv.indexOf("--port");
    return { pid: Number(entry), port: portAt >= 0 ? Number(argv[portAt + 1]) : undefined };
  }
  return null;
}

function readCwd(pid) {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return process.cwd();
  }
}

/**
 * The worker using state `dir`, or null: the lock's process if it is alive, else (Linux) any
 * wrangler dev whose `--persist-to` is `dir`.
 * @example const running = runningWorker(DEFAULT_STATE_DIR); // { pid: 4242, port: 8787 }
 * @param {string} dir
 * @returns {{ pid: number, port?: number } | null}
 */
export function runningWorker(dir) {
  const lock = readLock(dir);
  if (lock && alive(lock.pid)) return { pid: lock.pid, port: lock.port };
  return wranglerOn(dir);
}

/**
 * Removes the local state in `dir` — every visitor profile, stored config version, site figure
 * — so the worker starts again from the shipped seeds. Throws (and removes nothing) while a
 * worker uses it, or when `dir` holds anything wrangler would not have put there.
 * @example resetState(DEFAULT_STATE_DIR) // { existed: true }
 * @param {string} dir
 * @returns {{ existed: boolean }}
 */
export function resetState(dir) {
  if (!existsSync(dir)) return { existed: false };
  const running = runningWorker(dir);
  if (running) {
    const where = running.port ? ` on port ${running.port}` : "";
    throw new Error(`vitrine: a Vitrine worker${where} (pid ${running.pid}) is using ${shortPath(dir)}; stop it first (Ctrl+C where it runs), then reset`);
  }
  const strange = readdirSync(dir).filter((entry) => !STATE_ENTRIES.has(entry));
  if (strange.length) {
    throw new Error(`vitrine: ${shortPath(dir)} does not look like Vitrine's local state (it holds ${strange.slice(0, 5).join(", ")}${strange.length > 5 ? ", …" : ""}); nothing removed — delete it by hand if that is what you want`);
  }
  rmSync(dir, { recursive: true, force: true });
  return { existed: true };
}

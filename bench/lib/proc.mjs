// Child processes: spawn in their own group, stop the whole group, and read the CPU time a
// process tree used (Linux /proc), so a benchmark can report server CPU per request.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

/**
 * Spawns `command` detached (its own process group) with output kept in a ring buffer.
 * @returns {{ child: import("node:child_process").ChildProcess, exited: Promise<number|null>, log: () => string, stop: () => Promise<void> }}
 */
export function spawnGroup(command, args, { cwd, env = process.env, echo = false } = {}) {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: process.platform !== "win32" });
  let log = "";
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
    if (echo) process.stderr.write(chunk);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      try {
        child.kill(name);
      } catch {
        /* already gone */
      }
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, exited, log: () => log, stop };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux builds that matter here; see `getconf CLK_TCK`.

function children(pid) {
  const out = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (list) out.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    /* gone or not Linux */
  }
  return out;
}

function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

/** `pid` and all its live descendants (empty where /proc is not available). */
function processTree(pid) {
  if (process.platform !== "linux") return [];
  const tree = [];
  const stack = [pid];
  const seen = new Set();
  while (stack.length) {
    const p = stack.pop();
    if (seen.has(p)) continue;
    seen.add(p);
    tree.push(p);
    stack.push(...children(p));
  }
  return tree;
}

/**
 * CPU milliseconds (user + system) used so far by `pid` and all its live descendants, or null
 * where /proc is not available.
 */
export function treeCpuMs(pid) {
  if (process.platform !== "linux") return null;
  return processTree(pid).reduce((ticks, p) => ticks + cpuTicks(p), 0) * TICK_MS;
}

/**
 * `pid` and its live descendants whose executable's name is `name` (`npm`'s `workerd` launcher is
 * a Node script that starts the real binary as its child), or [] where /proc is not available.
 * @example processesNamed(worker.pid, "workerd") // [48211]
 */
export function processesNamed(pid, name) {
  return processTree(pid).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/comm`, "utf8").trim() === name;
    } catch {
      return false; // gone
    }
  });
}

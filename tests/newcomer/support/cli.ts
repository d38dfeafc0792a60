import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { groupMembers } from "../../../scripts/lib/group.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export { freePort } from "../../support/free-port";

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `vitrine-${prefix}-`));

export interface Run {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
}

/**
 * Runs a command from the repository root in a process group of its own (like a terminal
 * would), so a test can signal it alone and clean up everything it left with `killGroup`.
 */
export function run(command: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): Run {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "?")));
  return { child, output: () => log, exited };
}

/** `node scripts/<script> …args` */
export const node = (script: string, args: string[], env?: Record<string, string>) => run(process.execPath, [join("scripts", script), ...args], env);

/** `npm <args>`, through the same npm that runs the tests when there is one. */
export function npm(args: string[], env?: Record<string, string>, cwd?: string): Run {
  const cli = process.env.npm_execpath;
  return cli && cli.endsWith(".js") ? run(process.execPath, [cli, ...args], env, cwd) : run("npm", args, env, cwd);
}

/** The exit code, or throws with the output when the process outlives `ms`. */
export async function exitWithin(r: Run, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms; output:\n${r.output()}`)), ms);
  });
  try {
    return await Promise.race([r.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls until `check` holds or `ms` pass; returns whether it held. */
export async function eventually(check: () => boolean | Promise<boolean>, ms: number, every = 200): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, every));
  }
  return check();
}

/** Kills every process of group `pgid` that is left (test cleanup). */
export function killGroup(pgid: number | undefined): void {
  if (!pgid) return;
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // nothing left
  }
}

/** Live processes whose command line mentions `text` (Linux /proc). */
export function processesMentioning(text: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ");
      const state = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.[0];
      if (cmdline.includes(text) && state !== "Z") found.push({ pid: Number(entry), cmdline: cmdline.slice(0, 200) });
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

export { groupMembers };

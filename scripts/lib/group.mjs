// Process groups: the local worker (wrangler and the workerd processes it spawns) runs as one
// group, so stopping it means stopping every member, not just the process we spawned.
import { readdirSync, readFileSync } from "node:fs";

/**
 * Live (non-zombie) members of process group `pgid`. On Linux read from /proc; elsewhere a
 * signal-0 probe can only say whether the group has any member, reported as `[pgid]`.
 * @example groupMembers(child.pid).length === 0 // everything the worker started is gone
 * @param {number} pgid
 * @returns {number[]}
 */
export function groupMembers(pgid) {
  if (process.platform !== "linux") {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const members = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.pgrp === pgid && stat.state !== "Z") members.push(Number(entry));
  }
  return members;
}

/**
 * State, parent and process group of `pid` from /proc/<pid>/stat (Linux), or null.
 * @example readStat(process.pid)?.pgrp
 * @param {number} pid
 */
export function readStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name sits in parentheses and may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]) };
  } catch {
    return null;
  }
}

/**
 * Sends `signal` to every member of group `pgid` except `except`; false when none was there.
 * @example signalGroup(child.pid, "SIGTERM");
 * @param {number} pgid
 * @param {NodeJS.Signals} signal
 * @param {number} [except] a member to spare (a group leader signalling its own group)
 */
export function signalGroup(pgid, signal, except) {
  if (except === undefined || process.platform !== "linux") {
    try {
      process.kill(-pgid, signal);
      return true;
    } catch {
      return false;
    }
  }
  let any = false;
  for (const pid of groupMembers(pgid)) {
    if (pid === except) continue;
    try {
      process.kill(pid, signal);
      any = true;
    } catch {
      // exited meanwhile
    }
  }
  return any;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops process group `pgid`: SIGTERM, then SIGKILL after `graceMs` for whatever is left.
 * Resolves true once no member (other than `except`) is alive, false if some survive `giveUpMs`.
 * @example await stopGroup(child.pid); // wrangler and both workerd processes are gone
 * @param {number} pgid
 * @param {{ graceMs?: number, giveUpMs?: number, except?: number }} [options]
 */
export async function stopGroup(pgid, { graceMs = 5_000, giveUpMs = 10_000, except } = {}) {
  const others = () => groupMembers(pgid).filter((pid) => pid !== except);
  const started = Date.now();
  let killed = false;
  if (others().length) signalGroup(pgid, "SIGTERM", except);
  while (others().length) {
    const waited = Date.now() - started;
    if (waited >= giveUpMs) return false;
    if (!killed && waited >= graceMs) {
      killed = true;
      signalGroup(pgid, "SIGKILL", except);
    }
    await sleep(100);
  }
  return true;
}

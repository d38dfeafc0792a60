// Where a process's native CPU goes, sampled with Linux `perf`: V8's own profiler attributes time
// spent in the runtime's C++ (the HTTP stack, Durable Object calls, SQLite, commits) to whichever
// JavaScript API call came last, so it cannot say what SQLite costs; perf samples the machine code.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** Why `perf` cannot sample here, or null when it can (a one-shot `perf record` of `true` is tried). */
export function perfMissing() {
  if (process.platform !== "linux") return "perf samples Linux processes only";
  const probe = spawnSync("perf", ["--version"], { encoding: "utf8" });
  if (probe.error) return "Linux perf is not installed (Debian: apt-get install linux-perf)";
  const dir = mkdtempSync(join(tmpdir(), "vitrine-perf-probe-"));
  try {
    const trial = spawnSync("perf", ["record", "-q", "-e", "cpu-clock", "-o", join(dir, "probe.data"), "--", "true"], { encoding: "utf8" });
    if (trial.status !== 0) {
      const paranoid = (() => {
        try {
          return readFileSync("/proc/sys/kernel/perf_event_paranoid", "utf8").trim();
        } catch {
          return "unknown";
        }
      })();
      return `perf record is not allowed here (kernel.perf_event_paranoid = ${paranoid}): ${(trial.stderr || "").trim().split("\n").slice(-2).join(" | ")}`;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return null;
}

/**
 * Samples `pid` (all its threads, with call stacks, on the CPU clock) for `seconds` into `out`.
 * `done` resolves with what perf warned about (e.g. kernel frames left out), or rejects with
 * perf's own words; `stop()` ends the sampling early (the file is then incomplete).
 * @returns {{ done: Promise<string>, stop: () => void }}
 */
export function recordNative({ pid, seconds, out, hz = 2000 }) {
  const perf = spawn("perf", ["record", "-e", "cpu-clock", "-F", String(hz), "-g", "-o", out, "-p", String(pid), "--", "sleep", String(seconds)], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  perf.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const done = new Promise((resolve, reject) => {
    perf.on("error", reject);
    perf.on("exit", (code, signal) => {
      if (code === 0) resolve(warningsIn(stderr));
      else reject(new Error(`perf record ${signal ? `was stopped (${signal})` : `exited with ${code}`}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`));
    });
  });
  return { done, stop: () => perf.exitCode === null && perf.kill("SIGTERM") };
}

/** perf's warnings (not its progress lines), one line. */
const warningsIn = (stderr) =>
  stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /warning|not (be )?(resolved|available)|fall(ing)? back/i.test(line))
    .join(" ");

const SQLITE = /^(sqlite3|sqlite|wal[A-Z]|pager|btree|vdbe|Btree|Pager|Wal|Vdbe|pcache|Pcache|unixShm|moveTo|accessPayload|balance|getAndInitPage|insertCell|clearCell|dropCell|fillInCell|allocateSpace|allocateBtreePage|freePage|exprAnalyze|resolveExpr|memjrnl|yy_reduce|whereLoop|codeEqualityTerm)/;

/** The bucket a sampled frame falls in ("other" when no rule knows it). */
export function bucketOf(symbol, dso) {
  if (dso.includes("kernel") || dso === "[vdso]") return "kernel (system calls, loopback network)";
  if (SQLITE.test(symbol) || /SqliteDatabase::Vfs/.test(symbol)) return "SQLite (statements, commits, files)";
  if (/^perf-\d+\.map$/.test(dso) || dso.startsWith("[JIT]") || dso === "[unknown]") return "JavaScript (compiled code)";
  if (symbol.startsWith("Builtins_")) return "V8 builtins (JSON, promises, property access)";
  if (/^v8::|^v8_|^cppgc::/.test(symbol)) return "V8 runtime and garbage collector";
  if (/tcmalloc|TCMalloc|^malloc|^free$|^cfree|^_int_(malloc|free|realloc)|^operator (new|delete)|^__libc_(malloc|free|calloc|realloc)/.test(symbol)) return "memory allocation";
  if (/^(non-virtual thunk to )?(kj|capnp)::/.test(symbol)) return "event loop, HTTP and RPC (kj, Cap'n Proto)";
  if (/workerd|_ZN7workerd/.test(symbol)) return "workerd's API glue (jsg, IoContext)";
  if (dso.startsWith("libc")) return "libc (memcpy, strings)";
  return "other";
}

/** Regions counted inclusively: a sample counts once when any frame of its stack matches. */
export const REGIONS = [
  ["HTTP requests into the worker", (frame) => frame.includes("WorkerEntrypoint::request")],
  ["calls into Durable Objects (the called side)", (frame) => frame.includes("JsRpcTargetBase::callImpl")],
  ["storage transactions (transactionSync)", (frame) => frame.includes("DurableObjectStorage::transactionSync")],
  ["SQL statements (sql.exec)", (frame) => frame.includes("SqlStorage::exec")],
  ["SQLite commits", (frame) => frame.includes("vdbeCommit") || frame.includes("sqlite3WalFrames") || frame.includes("pagerWalFrames")],
  ["SQLite, all of it", (frame) => SQLITE.test(frame)],
];

const FRAME = /^\s*[0-9a-f]+\s+(.*?)\s+\(([^()]*(?:\([^()]*\))?[^()]*)\)\s*$/;

/**
 * Counts samples from `perf script -F ip,sym,dso` lines: one block of frames (innermost first)
 * per sample, blocks separated by blank lines. A sample whose innermost frame no rule knows is
 * counted where its nearest known caller is; a frame line that does not parse keeps its place as
 * "(unparsed)", so the frames after it are not taken for the innermost.
 */
export class Breakdown {
  samples = 0;
  unparsed = 0;
  #buckets = new Map();
  #regions = new Map(REGIONS.map(([name]) => [name, 0]));
  #frames = [];

  /** Feeds one line of perf script's output. */
  line(text) {
    if (text.trim() === "") return this.#end();
    const match = FRAME.exec(text);
    if (!match) {
      this.unparsed += 1;
      this.#frames.push({ symbol: "(unparsed)", dso: "" });
      return;
    }
    this.#frames.push({ symbol: match[1].replace(/\+0x[0-9a-f]+$/, ""), dso: match[2].split("/").pop() });
  }

  /** The shares, of all samples: per bucket (innermost frame) and per region (any frame). */
  result() {
    this.#end();
    const share = (entries) => entries.map(([name, n]) => [name, this.samples ? n / this.samples : 0]);
    return { samples: this.samples, unparsed: this.unparsed, buckets: share([...this.#buckets]).sort((a, b) => b[1] - a[1]), regions: share([...this.#regions]) };
  }

  #end() {
    const frames = this.#frames;
    this.#frames = [];
    if (frames.length === 0) return;
    this.samples += 1;
    let bucket = "other";
    for (const frame of frames) {
      bucket = bucketOf(frame.symbol, frame.dso);
      if (bucket !== "other") break;
    }
    this.#buckets.set(bucket, (this.#buckets.get(bucket) ?? 0) + 1);
    for (const [name, matches] of REGIONS) if (frames.some((frame) => matches(frame.symbol))) this.#regions.set(name, this.#regions.get(name) + 1);
  }
}

/**
 * The same from a whole text (tests, small files).
 * @example breakdownOf("\t 1a sqlite3VdbeExec (/bin/workerd)\n\n").buckets // [["SQLite (statements, commits, files)", 1]]
 */
export function breakdownOf(text) {
  const breakdown = new Breakdown();
  for (const line of text.split("\n")) breakdown.line(line);
  return breakdown.result();
}

/** Reads a perf.data file through `perf script`, streamed (a long run's text would not fit a string). */
export async function nativeBreakdown(file) {
  const script = spawn("perf", ["script", "-i", file, "-F", "ip,sym,dso"], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  script.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise((resolve, reject) => {
    script.on("error", reject);
    script.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`perf script exited with ${code}: ${stderr.trim().split("\n").slice(-2).join(" | ") || "no message"}`))));
  });
  const breakdown = new Breakdown();
  for await (const line of createInterface({ input: script.stdout, crlfDelay: Infinity })) breakdown.line(line);
  await exited;
  return breakdown.result();
}

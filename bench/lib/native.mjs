// Where a process's native CPU goes, sampled with Linux `perf`: V8's own profiler attributes time
// spent in the runtime's C++ (the HTTP stack, Durable Object calls, SQLite, commits) to whichever
// JavaScript API call came last, so it cannot say what SQLite costs; perf samples the machine code.
import { spawn, spawnSync } from "node:child_process";

/** Why `perf` cannot sample here, or null when it can. */
export function perfMissing() {
  if (process.platform !== "linux") return "perf samples Linux processes only";
  const probe = spawnSync("perf", ["--version"], { encoding: "utf8" });
  if (probe.error) return "Linux perf is not installed (Debian: apt-get install linux-perf)";
  return null;
}

/**
 * Samples `pid` (all its threads, with call stacks, on the CPU clock) for `seconds` into `out`.
 * @returns {Promise<void>} resolves when perf has written the file; rejects with perf's own words
 */
export function recordNative({ pid, seconds, out, hz = 2000 }) {
  return new Promise((resolve, reject) => {
    const perf = spawn("perf", ["record", "-e", "cpu-clock", "-F", String(hz), "-g", "-o", out, "-p", String(pid), "--", "sleep", String(seconds)], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    perf.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    perf.on("error", reject);
    perf.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`perf record exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`))));
  });
}

const SQLITE = /^(sqlite3|sqlite|wal[A-Z]|pager|btree|vdbe|Btree|Pager|Wal|Vdbe|pcache|Pcache|unixShm)/;

/** The bucket a sampled leaf frame falls in. */
export function bucketOf(symbol, dso) {
  if (dso.includes("kernel")) return "kernel (system calls, loopback network)";
  if (SQLITE.test(symbol) || /SqliteDatabase::Vfs/.test(symbol)) return "SQLite (statements, commits, files)";
  if (/^perf-\d+\.map$/.test(dso) || dso.startsWith("[JIT]") || dso === "[unknown]") return "JavaScript (compiled code)";
  if (symbol.startsWith("Builtins_")) return "V8 builtins (JSON, promises, property access)";
  if (/^v8::|^v8_|^cppgc::/.test(symbol)) return "V8 runtime and garbage collector";
  if (/tcmalloc|TCMalloc|^malloc|^free|^operator (new|delete)|^__libc_(malloc|free)/.test(symbol)) return "memory allocation";
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

/**
 * Reads a perf.data file: the share of samples per bucket (by leaf frame) and per region
 * (inclusive), of all samples of the process.
 * @returns {{ samples: number, buckets: [string, number][], regions: [string, number][] }}
 */
export function nativeBreakdown(file) {
  const script = spawnSync("perf", ["script", "-i", file, "-F", "ip,sym,dso"], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (script.status !== 0) throw new Error(`perf script failed: ${(script.stderr || "").trim().split("\n").slice(-2).join(" | ")}`);
  return breakdownOf(script.stdout);
}

/**
 * The same from `perf script -F ip,sym,dso` text: one block of frames (innermost first) per sample.
 * @example breakdownOf("\t 1a sqlite3VdbeExec (/bin/workerd)\n\n").buckets // [["SQLite (statements, commits, files)", 1]]
 */
export function breakdownOf(text) {
  const buckets = new Map();
  const regions = new Map(REGIONS.map(([name]) => [name, 0]));
  let samples = 0;
  for (const block of text.split(/\n\s*\n/)) {
    const frames = block
      .split("\n")
      .map((line) => /^\s*[0-9a-f]+\s+(.*?)\s+\(([^)]*)\)\s*$/.exec(line))
      .filter(Boolean)
      .map((m) => ({ symbol: m[1].replace(/\+0x[0-9a-f]+$/, ""), dso: m[2].split("/").pop() }));
    if (frames.length === 0) continue;
    samples += 1;
    const leaf = frames[0];
    const bucket = bucketOf(leaf.symbol, leaf.dso);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    for (const [name, matches] of REGIONS) if (frames.some((frame) => matches(frame.symbol))) regions.set(name, regions.get(name) + 1);
  }
  const share = (map) => [...map].map(([name, n]) => [name, samples ? n / samples : 0]).sort((a, b) => b[1] - a[1]);
  return { samples, buckets: share(buckets), regions: [...regions].map(([name, n]) => [name, samples ? n / samples : 0]) };
}

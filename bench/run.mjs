#!/usr/bin/env node
// `npm run bench`: every figure of Vitrine's performance claims, measured in one run on this
// machine and printed beside its target; the results go to bench/results/latest.json.
// Progress goes to stderr, the table to stdout. See bench/README.md for the method.
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, relative } from "node:path";
import { execFileSync } from "node:child_process";
import { commandLine, flagHelp, UsageError } from "./lib/args.mjs";
import { ROOT } from "./lib/wrangler.mjs";
import { bundleEdge, WORKERD } from "./lib/workerd.mjs";
import { measureSizes } from "./stages/size.mjs";
import { measureCore } from "./stages/core.mjs";
import { measureCold } from "./stages/cold.mjs";
import { measureHttp, measureExperimentOverhead, COLLECT_BATCH } from "./stages/http.mjs";
import { report } from "./stages/report.mjs";
import { measureProxy } from "./stages/proxy.mjs";
import { table, int, fixed } from "./lib/table.mjs";

const FLAGS = {
  quick: { type: "bool", help: "smoke run: 2 s per scenario, fewer calls and spawns (writes bench/results/quick.json)" },
  seconds: { type: "int", default: 10, min: 1, max: 60, value: "s", help: "timed seconds per HTTP scenario, split into rounds" },
  connections: { type: "int", default: 16, min: 1, max: 256, value: "n", help: "concurrent connections of the load generator" },
  "skip-wrangler": { type: "bool", help: "measure bare workerd only (no wrangler dev rows)" },
  rows: { type: "string", value: "list", help: "measure only these rows, comma-separated letters from a-g (e.g. a,b); the other sections of the output file are kept from its last full run" },
  "do-storage": { type: "string", default: "disk", value: "disk|tmpfs", help: "where bare workerd keeps the Durable Objects' SQLite files for (a)/(b): the temp dir on disk, or a tmpfs (/dev/shm) so a disk busy with other work does not decide the figures" },
  out: { type: "string", value: "file", help: "where to write the JSON results (default bench/results/latest.json)" },
  help: { type: "bool", help: "show this help" },
};

const HELP = `Usage: npm run bench -- [flags]      (npm run bench builds first; node bench/run.mjs does not)

Measures, in one run: POST /v1/decide and /v1/collect throughput and latency against a
hello-world worker on the same runtime (wrangler dev and bare workerd), the in-process
classify + decide time, the snippet's size against competitor SDKs, the worker bundle's size
and its cold start, and decide on a site with two running experiments against one with none. Prints a table with each figure beside its target and writes JSON.
Takes about 3 minutes (under 1 with --quick) and only talks to servers it starts on 127.0.0.1.

Flags:
${flagHelp(FLAGS)}
`;

const flags = commandLine("bench", FLAGS, HELP);

const ALL_ROWS = ["a", "b", "c", "d", "e", "f", "g"];
let rows;
try {
  rows = parseRows(flags.rows);
} catch (error) {
  process.stderr.write(`vitrine bench: ${error.message}\n`);
  process.exit(2);
}
/** The rows to measure: every row unless `--rows` names some. */
function parseRows(value) {
  if (value === undefined) return new Set(ALL_ROWS);
  const list = value.split(",").map((row) => row.trim().toLowerCase()).filter(Boolean);
  const unknown = list.filter((row) => !ALL_ROWS.includes(row));
  if (list.length === 0 || unknown.length > 0) throw new UsageError(`--rows takes letters from ${ALL_ROWS.join(",")}, got "${value}"`);
  return new Set(list);
}
const partial = rows.size < ALL_ROWS.length;
if (!["disk", "tmpfs"].includes(flags["do-storage"]) || (flags["do-storage"] === "tmpfs" && !existsSync("/dev/shm"))) {
  process.stderr.write(`vitrine bench: --do-storage takes disk or tmpfs (tmpfs needs /dev/shm), got "${flags["do-storage"]}"\n`);
  process.exit(2);
}
const want = (...letters) => letters.some((letter) => rows.has(letter));

const quick = flags.quick;
const settings = {
  quick,
  doStorage: flags["do-storage"],
  connections: flags.connections,
  seconds: quick ? 2 : flags.seconds,
  rounds: quick ? 2 : Math.min(5, flags.seconds),
  warmSeconds: quick ? 1 : 2,
  coldSpawns: quick ? 1 : 3,
  coldVisitors: quick ? 11 : 31,
};
const outFile = flags.out ?? join(ROOT, "bench", "results", quick ? "quick.json" : "latest.json");

const started = performance.now();
const stamp = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s`;
const log = (line) => process.stderr.write(`[${stamp()}] ${line}\n`);

// Every server started is stopped on the way out, whatever happens.
const live = new Set();
const track = (server) => {
  live.add(server);
  const stop = server.stop;
  server.stop = async () => {
    live.delete(server);
    await stop();
  };
  return server;
};
const tmpDir = mkdtempSync(join(tmpdir(), "vitrine-bench-"));
const storageRoot = flags["do-storage"] === "tmpfs" ? mkdtempSync("/dev/shm/vitrine-bench-") : undefined;
async function cleanup() {
  await Promise.allSettled([...live].map((s) => s.stop()));
  rmSync(tmpDir, { recursive: true, force: true });
  if (storageRoot) rmSync(storageRoot, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    process.stderr.write(`\nvitrine bench: ${signal}, stopping the servers it started…\n`);
    await cleanup();
    process.exit(130);
  });
}

function environment() {
  const git = (...args) => {
    try {
      return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  };
  const version = (pkg) => JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
  return {
    date: new Date().toISOString(),
    commit: git("rev-parse", "--short", "HEAD"),
    dirty: (git("status", "--porcelain", "--", "packages") ?? "") !== "",
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    workerd: execFileSync(WORKERD, ["--version"], { encoding: "utf8" }).trim(),
    wrangler: version("wrangler"),
    autocannon: version("autocannon"),
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

async function main() {
  const env = environment();
  log(`Vitrine bench${quick ? " (--quick)" : ""}${partial ? ` rows ${[...rows].join(",")}` : ""}: ${env.cores} cores, node ${env.node}, ${env.workerd}, load average ${env.loadAverageAtStart.join(" ")}`);
  // A partial run keeps the other sections of the file from its last run, and says which it measured.
  const previous = partial ? readPrevious(outFile) : null;
  const results = { ...(previous ?? {}), env, settings: { ...settings, collectBatch: COLLECT_BATCH, visitorsPooled: 200, productsPerDecide: 12 } };
  if (partial) results.rowsMeasured = { rows: [...rows], previousRun: previous?.env ? { date: previous.env.date, commit: previous.env.commit } : null };
  else delete results.rowsMeasured;

  if (want("d")) {
    log("(d) snippet and competitor SDK sizes…");
    results.sizes = await measureSizes({ log });
  }

  if (want("c")) {
    log("(c) classify + decide in process…");
    results.core = await measureCore({ tmpDir, quick, log });
  }

  log("(f) worker bundle: wrangler deploy --dry-run --minify…");
  const bundle = await bundleEdge(join(tmpDir, "bundle"));
  if (want("f")) {
    results.bundle = { minified: bundle.minified, gzip: bundle.gzip, method: "wrangler deploy --dry-run --minify (what would be uploaded), gzip -9" };
    log(`  ${bundle.minified} B minified, ${bundle.gzip} B gzip`);
    log("(f) cold start on bare workerd…");
    results.cold = await measureCold({ tmpDir, bundleFile: bundle.file, spawns: settings.coldSpawns, visitors: settings.coldVisitors, track, log });
  }

  const http = { tmpDir, bundleFile: bundle.file, seconds: settings.seconds, rounds: settings.rounds, warmSeconds: settings.warmSeconds, connections: settings.connections, track, log };
  if (want("a", "b")) {
    log("(a)(b) HTTP on bare workerd…");
    results.workerd = await measureHttp({ ...http, runtime: "workerd", storageRoot });
    if (!flags["skip-wrangler"]) {
      log("(a)(b) HTTP on wrangler dev (Miniflare)…");
      results.wrangler = await measureHttp({ ...http, runtime: "wrangler" });
    }
  }
  if (want("g") && !flags["skip-wrangler"]) {
    log("(g) decide with two running experiments vs none, on wrangler dev…");
    results.experiments = await measureExperimentOverhead(http);
  }

  if (want("e")) results.proxy = await measureProxy({ ...http, quick, log });
  results.env.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  results.env.wallSeconds = Math.round((performance.now() - started) / 100) / 10;

  const { text: mainText, verdicts } = report(results);
  const experimentsText = experimentsRow(results.experiments, verdicts);
  const text = experimentsText ? `${mainText}\n\n${experimentsText}` : mainText;
  results.verdicts = verdicts;
  mkdirSync(join(outFile, ".."), { recursive: true });
  writeFileSync(outFile, JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(text + "\n");
  log(`done in ${results.env.wallSeconds} s; results in ${relative(process.cwd(), outFile) || outFile}`);
}

/** The output file of an earlier run, or null when there is none (or it is not JSON). */
function readPrevious(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Goal of the experiments row: decide with two running experiments within 10% of decide with none. */
const EXPERIMENTS_RATIO_GOAL = 0.9;

/** (g) as a table row beside its goal; records its verdict. */
function experimentsRow(e, verdicts) {
  if (!e) return null;
  const ok = e.ratio !== null && e.ratio >= EXPERIMENTS_RATIO_GOAL;
  verdicts.experimentsRatio = ok ? "met" : "MISSED";
  const lat = (s) => `${fixed(s.p50Ms, 2)} / ${fixed(s.p99Ms, 2)} ms`;
  const failures = e.plain.non2xx + e.plain.errors + e.withExperiments.non2xx + e.withExperiments.errors;
  const rows = [
    [`(g) decide with two running experiments vs decide with none, same run (${e.runtime})`],
    ["    decide, site with no experiment", `${int(e.plain.rps)} req/s`, lat(e.plain), "", ""],
    ["    decide, site with two running experiments", `${int(e.withExperiments.rps)} req/s`, lat(e.withExperiments), "", ""],
    ["    two experiments ÷ none", `${fixed(e.ratio, 2)}×`, `p50 ${e.p50AddedMs >= 0 ? "+" : ""}${fixed(e.p50AddedMs, 2)} ms`, `≥ ${EXPERIMENTS_RATIO_GOAL}× (within 10%)`, ok ? "met" : "MISSED"],
  ];
  if (failures > 0) rows.push(["    non-2xx answers or socket errors", int(failures), "", "0", "MISSED"]);
  return table(["Figure", "Measured", "Detail", "Target", ""], rows, [1]);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

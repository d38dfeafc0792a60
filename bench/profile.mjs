#!/usr/bin/env node
// `npm run bench:profile`: where decide's (or collect's) CPU goes. Serves the edge worker on bare
// workerd with its inspector on, samples V8's CPU profile while a closed-loop load runs, and
// prints the functions that took the most time (self and total), by source file of the bundle.
// The worker and its Durable Objects share one isolate here, so both are in the profile. Writes
// the raw profile (open it in Chrome DevTools' Performance panel) beside the table. With
// --native, Linux perf samples workerd's machine code instead (bench/lib/native.mjs) and the
// report splits the process's CPU by where it ran: SQLite, V8, the event loop and RPC, the kernel.
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { commandLine, flagHelp, UsageError } from "./lib/args.mjs";
import { ROOT } from "./lib/wrangler.mjs";
import { bundleEdge, prepareBare, startWorkerd } from "./lib/workerd.mjs";
import { freePort } from "./lib/net.mjs";
import { requireAnswered, runLoad } from "./lib/load.mjs";
import { bodyFactory } from "./lib/bodies.mjs";
import { table, fixed } from "./lib/table.mjs";
import { nativeBreakdown, perfMissing, recordNative } from "./lib/native.mjs";
import { processesNamed } from "./lib/proc.mjs";

const FLAGS = {
  route: { type: "string", default: "decide", value: "decide|collect", help: "the route under load" },
  seconds: { type: "int", default: 8, min: 1, max: 60, value: "s", help: "seconds of load while sampling" },
  connections: { type: "int", default: 16, min: 1, max: 256, value: "n", help: "concurrent connections" },
  top: { type: "int", default: 25, min: 5, max: 200, value: "n", help: "how many functions to list" },
  out: { type: "string", value: "file", help: "where to write the .cpuprofile, or with --native the perf.data (default bench/results/<route>.cpuprofile, <route>.perf.data)" },
  precollect: { type: "int", default: 0, min: 0, max: 120, value: "s", help: "seconds of collect (10 events a batch) first, so the pooled visitors' profiles are full as in the bench, where collect runs beside decide" },
  "do-storage": { type: "string", default: "disk", value: "disk|tmpfs", help: "where workerd keeps the Durable Objects' SQLite files: the temp dir on disk (each commit's fsync then takes the kernel CPU, and the time, that the disk makes it), or a tmpfs (/dev/shm)" },
  native: { type: "bool", help: "sample workerd's machine code with Linux perf instead: how its CPU splits between SQLite, V8, the event loop and RPC, and the kernel (needs perf)" },
  help: { type: "bool", help: "show this help" },
};

const HELP = `Usage: node bench/profile.mjs [flags]      (npm run bench:profile -- [flags] builds first)

Profiles POST /v1/<route> on bare workerd with V8's sampling profiler: warms up, then samples
while --connections keep the route busy for --seconds, and prints the functions with the most
self and total time, with the bundle's source file for each. Talks only to servers it starts on
127.0.0.1. The .cpuprofile it writes opens in Chrome DevTools.

V8's profiler charges time spent in the runtime's C++ (Durable Object calls, SQLite, commits,
the HTTP stack) to whichever JavaScript API call came last. With --native, Linux perf samples
workerd's machine code instead and the report splits its CPU into SQLite, compiled JavaScript,
V8, the event loop and RPC, workerd's glue and the kernel, plus a few regions counted inclusively
(transactions, SQL statements, commits), in ms per request.

Flags:
${flagHelp(FLAGS)}
`;

const flags = commandLine("bench:profile", FLAGS, HELP, (f) => {
  if (!["decide", "collect"].includes(f.route)) throw new UsageError(`--route takes decide or collect, got "${f.route}"`);
  if (!["disk", "tmpfs"].includes(f["do-storage"])) throw new UsageError(`--do-storage takes disk or tmpfs, got "${f["do-storage"]}"`);
  if (f["do-storage"] === "tmpfs" && !existsSync("/dev/shm")) throw new UsageError("--do-storage tmpfs needs /dev/shm, which this machine does not have");
  if (f.native && process.argv.some((arg) => arg === "--top" || arg.startsWith("--top="))) throw new UsageError("--top lists JavaScript functions; --native lists fixed buckets instead");
});
if (flags.native) {
  const missing = perfMissing();
  if (missing) {
    process.stderr.write(`vitrine bench:profile: --native needs Linux perf: ${missing}\n`);
    process.exit(2);
  }
}
if (!flags.native && typeof WebSocket !== "function") {
  process.stderr.write("vitrine bench:profile: needs WebSocket (Node 22, or Node 20 with --experimental-websocket, which npm run bench:profile passes)\n");
  process.exit(2);
}

const log = (line) => process.stderr.write(line + "\n");
const tmp = mkdtempSync(join(flags["do-storage"] === "tmpfs" ? "/dev/shm" : tmpdir(), "vitrine-profile-"));
let worker;
/** perf, while it samples: stopped with everything else. */
let sampling;
async function cleanup() {
  sampling?.stop();
  await worker?.stop();
  rmSync(tmp, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    process.stderr.write(`\nvitrine bench:profile: ${signal}, stopping the worker it started…\n`);
    await cleanup();
    process.exit(130);
  });
}
try {
  log("bundling the edge worker (wrangler deploy --dry-run) …");
  // Unminified: function names and esbuild's `// path` comment before each module stay readable.
  const bundle = await bundleEdge(join(tmp, "bundle"), { minify: false });
  const modules = moduleLines(readFileSync(bundle.file, "utf8"));
  const dir = join(tmp, "edge");
  const inspectorPort = await freePort();
  const config = prepareBare("edge", dir, bundle.file);
  mkdirSync(join(dir, "do"), { recursive: true });
  worker = await startWorkerd({ dir, config, port: await freePort(), storageDir: join(dir, "do"), extraArgs: flags.native ? [] : [`--inspector-addr=127.0.0.1:${inspectorPort}`] });
  const bodies = bodyFactory({ visitors: 200 });
  const makeBody = flags.route === "decide" ? bodies.decide : () => bodies.collect(10);

  if (flags.precollect > 0) {
    log(`filling profiles: ${flags.precollect} s of collect …`);
    requireAnswered(await runLoad({ url: worker.url, path: "/v1/collect", connections: flags.connections, seconds: flags.precollect, makeBody: () => bodies.collect(10) }), "collect (filling profiles)");
  }
  log(`warming up: every visitor once, then 2 s of load …`);
  for (let i = 0; i < 200; i++) await fetch(`${worker.url}/v1/${flags.route}`, { method: "POST", body: makeBody(), headers: { "content-type": "application/json" } });
  await runLoad({ url: worker.url, path: `/v1/${flags.route}`, connections: flags.connections, seconds: 2, makeBody });

  if (flags.native) await profileNative(worker, makeBody);
  else {
    const inspector = await connect(`ws://127.0.0.1:${inspectorPort}/main`);
    await inspector.send("Profiler.enable");
    await inspector.send("Profiler.setSamplingInterval", { interval: 200 });
    await inspector.send("Profiler.start");
    log(`sampling for ${flags.seconds} s at ${flags.connections} connections …`);
    const load = await runLoad({ url: worker.url, path: `/v1/${flags.route}`, connections: flags.connections, seconds: flags.seconds, makeBody, serverPid: worker.pid });
    const { profile } = await inspector.send("Profiler.stop");
    inspector.close();

    const out = flags.out ?? join(ROOT, "bench", "results", `${flags.route}.cpuprofile`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(profile));
    const requests = load.latencies.length;
    if (requests === 0) throw new Error(`vitrine bench:profile: no POST /v1/${flags.route} answered 2xx while sampling (statuses ${JSON.stringify(load.statuses)}); nothing to divide by`);
    const rows = summarize(profile, flags.top, modules);
    const serverCpu = load.serverCpuMs === null ? "workerd's CPU not readable here" : `${fixed(load.serverCpuMs / requests, 2)} ms of workerd CPU each (all threads)`;
    process.stdout.write(`\nPOST /v1/${flags.route}: ${requests} answered 2xx in ${flags.seconds} s, ${serverCpu}\n`);
    process.stdout.write(`samples: ${fixed(rows.sampledMs / requests, 3)} ms per request in the isolate, the runtime's own work ("(program)") and the garbage collector included, idle left out\n\n`);
    process.stdout.write(
      table(
        ["function", "where", "self ms/req", "total ms/req"],
        rows.top.map((row) => [row.name, row.where, fixed(row.self / requests, 3), fixed(row.total / requests, 3)]),
      ) + "\n",
    );
    process.stdout.write(`\nprofile: ${out}\n`);
  }
} finally {
  await cleanup();
}

/** Samples workerd with perf while the route is under load, and prints where its CPU went. */
async function profileNative(worker, makeBody) {
  const [pid] = processesNamed(worker.pid, "workerd");
  if (pid === undefined) throw new Error("vitrine bench:profile: the workerd binary's process was not found under its launcher");
  const out = flags.out ?? join(ROOT, "bench", "results", `${flags.route}.perf.data`);
  mkdirSync(dirname(out), { recursive: true });
  log(`sampling workerd (pid ${pid}) with perf for ${flags.seconds} s at ${flags.connections} connections …`);
  sampling = recordNative({ pid, seconds: flags.seconds, out });
  // Settled at once: a perf that fails early must not end the process before the cleanup.
  const sampled = sampling.done.then(
    (warnings) => ({ warnings }),
    (error) => ({ error }),
  );
  // The load runs a little longer than perf, so every sample falls under load.
  const load = await runLoad({ url: worker.url, path: `/v1/${flags.route}`, connections: flags.connections, seconds: flags.seconds + 0.5, makeBody, serverPid: worker.pid });
  const { warnings, error } = await sampled;
  sampling = undefined;
  if (error) throw error;
  if (warnings) log(`perf warned: ${warnings}`);
  const requests = load.latencies.length;
  if (requests === 0) throw new Error(`vitrine bench:profile: no POST /v1/${flags.route} answered 2xx while sampling (statuses ${JSON.stringify(load.statuses)}); nothing to divide by`);
  if (load.serverCpuMs === null) throw new Error("vitrine bench:profile: workerd's CPU is not readable here (/proc), so shares cannot become ms per request");
  const perRequest = load.serverCpuMs / requests;
  log("reading the samples (perf script) …");
  const { samples, unparsed, buckets, regions } = await nativeBreakdown(out);
  if (samples === 0) throw new Error(`vitrine bench:profile: perf wrote no samples to ${out}`);
  const kernel = buckets.find(([name]) => name.startsWith("kernel"));
  if (!kernel) log("no sample was in the kernel: perf probably could not see kernel frames here (kernel.perf_event_paranoid), so the kernel's share is spread over the other buckets");
  process.stdout.write(`\nPOST /v1/${flags.route}: ${requests} answered 2xx in ${fixed(load.elapsedMs / 1000, 1)} s, ${fixed(perRequest, 2)} ms of workerd CPU each (all threads, perf's own sampling included: compare shares with the bench, not times)\n`);
  process.stdout.write(`perf: ${samples} samples of workerd's threads${unparsed ? ` (${unparsed} frame lines not understood)` : ""}; each bucket is the share of samples whose innermost frame (or, for a frame no rule knows, its nearest known caller) is there, times the CPU per request\n\n`);
  const rows = (list) => list.map(([name, share]) => [name, `${fixed(share * 100, 1)} %`, fixed(share * perRequest, 3)]);
  process.stdout.write(table(["where the CPU was (innermost frame)", "share", "ms/req"], rows(buckets)) + "\n\n");
  process.stdout.write(table(["region (any frame of the stack)", "share", "ms/req"], rows(regions)) + "\n");
  process.stdout.write(`\nperf data: ${out} (perf report -i ${out})\n`);
}

/** A DevTools protocol session over the inspector's WebSocket. */
function connect(url) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const waiting = new Map();
    let id = 0;
    socket.addEventListener("error", () => reject(new Error(`vitrine bench:profile: cannot reach the inspector at ${url}`)));
    // workerd gone: every request still waiting fails instead of hanging.
    socket.addEventListener("close", () => {
      for (const pending of waiting.values()) pending.reject(new Error(`vitrine bench:profile: the inspector closed before ${pending.method} answered`));
      waiting.clear();
    });
    socket.addEventListener("message", (message) => {
      const data = JSON.parse(String(message.data));
      const pending = waiting.get(data.id);
      if (!pending) return;
      waiting.delete(data.id);
      if (data.error) pending.reject(new Error(`${pending.method}: ${data.error.message}`));
      else pending.resolve(data.result);
    });
    socket.addEventListener("open", () =>
      resolve({
        send: (method, params = {}) =>
          new Promise((done, fail) => {
            if (socket.readyState !== WebSocket.OPEN) return fail(new Error(`vitrine bench:profile: the inspector closed before ${method}`));
            waiting.set(++id, { resolve: done, reject: fail, method });
            socket.send(JSON.stringify({ id, method, params }));
          }),
        close: () => socket.close(),
      }),
    );
  });
}

/** Where each module starts in an unminified esbuild bundle: `[line, path]`, ascending (the `// path` comments). */
function moduleLines(code) {
  const starts = [];
  code.split("\n").forEach((line, i) => {
    const match = /^\/\/ ((?:\.\.\/|src\/|node_modules\/)\S+\.[cm]?[jt]sx?)$/.exec(line);
    if (match) starts.push([i + 1, match[1].replace(/^(\.\.\/)+/, "").replace(/^.*node_modules\//, "")]);
  });
  return starts;
}

/** The module a bundle line belongs to. */
function moduleAt(modules, line) {
  let found = "";
  for (const [start, path] of modules) {
    if (start > line) break;
    found = path;
  }
  return found;
}

/**
 * Self and total sampled time per function (name + module and bundle line), from a V8 `Profile`:
 * total counts a function once per sample however deep it recurses. Idle time is left out; the
 * runtime's own work (`(program)`) and the garbage collector are listed.
 */
function summarize(profile, top, modules) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const key = (node) => `${node.callFrame.functionName || "(anonymous)"}\t${node.callFrame.url ? `${moduleAt(modules, node.callFrame.lineNumber + 1)}:${node.callFrame.lineNumber + 1}` : "(native)"}`;
  const self = new Map();
  const total = new Map();
  let sampledMs = 0;
  const deltas = profile.timeDeltas;
  profile.samples.forEach((sample, i) => {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    const leaf = nodes.get(sample);
    if (!leaf || leaf.callFrame.functionName === "(idle)") return;
    sampledMs += ms;
    self.set(key(leaf), (self.get(key(leaf)) ?? 0) + ms);
    const seen = new Set();
    for (let id = sample; id !== undefined; id = parent.get(id)) {
      const k = key(nodes.get(id));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  const rows = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, ms]) => {
      const [name, where] = k.split("\t");
      return { name, where, self: ms, total: total.get(k) ?? ms };
    });
  return { top: rows, sampledMs };
}

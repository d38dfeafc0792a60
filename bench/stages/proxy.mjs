// (e) proxy mode: the demo shop's home page through the edge worker (decide + HTMLRewriter +
// snippet handoff, an A/B test on the hero) against plain pass-through of the same page and
// GrowthBook's edge app running an equivalent visual experiment — three workers on wrangler dev,
// one origin (scripts/demo-origin.mjs), same run, scenarios in interleaved rounds.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import autocannon from "autocannon";
import { freePort, waitFor200 } from "../lib/net.mjs";
import { spawnGroup, treeCpuMs } from "../lib/proc.mjs";
import { quantile, round, summarize } from "../lib/load.mjs";
import { BROWSER_UA } from "../lib/catalog.mjs";
import { fixed, int } from "../lib/table.mjs";
import { EDGE_DIR, ROOT } from "../lib/wrangler.mjs";
import { DEMO_PUBLIC, PROXY_DEMO_HOST, proxyDemoSeed, startDemoOrigin } from "../../scripts/demo-origin.mjs";

/** The target: a proxied page takes at most this many times as long as passing it through. */
export const PROXY_TARGET_RATIO = 1.3;
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const VISITORS = Array.from({ length: 200 }, (_, i) => `bench-proxy-${String(i).padStart(4, "0")}-visitor`);
const MENS = JSON.parse(readFileSync(join(ROOT, "examples", "demo-store", "vitrine.config.json"), "utf8")).heroes.mens;
const HERO_TEST = { id: "hero-test", name: "Men's hero", status: "running", targets: ["hero"], arms: [{ id: "control", control: true, weight: 1 }, { id: "mens", weight: 1, slots: { hero: "mens" } }] };
const sel = (part) => `[data-vt-slot=hero] [data-vt-${part}]`;
/** GrowthBook's equivalent: a visual-editor experiment, 50/50 by its visitor id, the men's hero in the variation. */
const GB_PAYLOAD = {
  features: {},
  experiments: [{
    key: "hero-test", changeId: "hero-test-1", status: "running", hashAttribute: "id", hashVersion: 2, coverage: 1, weights: [0.5, 0.5],
    urlPatterns: [{ include: true, type: "regex", pattern: ".*" }],
    variations: [{ domMutations: [] }, { domMutations: [
      { selector: sel("image"), action: "set", attribute: "src", value: MENS.image },
      { selector: sel("image"), action: "set", attribute: "alt", value: MENS.alt },
      { selector: sel("headline"), action: "set", attribute: "html", value: MENS.headline },
      { selector: sel("subhead"), action: "set", attribute: "html", value: MENS.subhead },
      { selector: sel("cta"), action: "set", attribute: "html", value: MENS.cta.label },
      { selector: sel("cta"), action: "set", attribute: "href", value: MENS.cta.href },
    ] }],
  }],
};

/** `wrangler dev` in `cwd` with `vars`, like bench/lib/wrangler.mjs (which takes no vars). */
async function wrangler({ cwd, port, persistTo, vars = {}, healthPath }) {
  const args = [WRANGLER, "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistTo, "--show-interactive-dev-session=false", "--log-level", "warn"];
  for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
  const proc = spawnGroup(process.execPath, args, { cwd, env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" } });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor200({ url: url + healthPath, exited: proc.exited, timeoutMs: 90_000, log: proc.log, what: `wrangler dev in ${cwd}` });
    return { url, port, pid: proc.child.pid, stop: proc.stop };
  } catch (error) {
    await proc.stop();
    throw error;
  }
}

const TOML = (name, main, vars) =>
  `name = "${name}"\nmain = "${main}"\ncompatibility_date = "2026-04-20"\ncompatibility_flags = ["nodejs_compat"]\n[vars]\n` +
  Object.entries(vars).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join("\n") + "\n";

/** The baseline: a worker that fetches the same origin page and returns it as it is. */
function passThroughDir(dir, origin) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.js"), `export default { fetch(request, env) { const url = new URL(request.url); return fetch(new Request(env.ORIGIN + url.pathname + url.search, request)); } };\n`);
  writeFileSync(join(dir, "wrangler.toml"), TOML("vitrine-bench-passthrough", "index.js", { ORIGIN: origin }));
  return dir;
}

/** GrowthBook's edge app as its README deploys it (handleRequest), bundled from node_modules. */
async function growthbookDir(dir, origin) {
  mkdirSync(dir, { recursive: true });
  const { build } = await import("esbuild");
  await build({
    // The payload goes in through handleRequest's config overrides (init() reads it from KV, which a local run lacks).
    stdin: { contents: `import { handleRequest } from "@growthbook/edge-cloudflare";\nlet payload;\nexport default { fetch: (request, env) => handleRequest(request, env, { payload: (payload ??= JSON.parse(env.GROWTHBOOK_PAYLOAD)) }) };\n`, resolveDir: ROOT, loader: "js" },
    bundle: true, format: "esm", platform: "browser", conditions: ["worker", "browser"], outfile: join(dir, "worker.js"), logLevel: "silent",
  });
  writeFileSync(join(dir, "wrangler.toml"), TOML("vitrine-bench-growthbook", "worker.js", { PROXY_TARGET: origin, GROWTHBOOK_API_HOST: "http://127.0.0.1:9", GROWTHBOOK_CLIENT_KEY: "sdk-bench", GROWTHBOOK_PAYLOAD: JSON.stringify(GB_PAYLOAD) }));
  return dir;
}

/** A copy of the built shop with `/big/`: the home page with 1 MB of extra markup after the grid. */
function siteWithBigPage(dir) {
  cpSync(DEMO_PUBLIC, dir, { recursive: true });
  const home = readFileSync(join(dir, "index.html"), "utf8");
  const filler = `<section class="section"><p>${"Made to last, built to be repaired. ".repeat(60)}</p></section>\n`.repeat(Math.ceil(1_000_000 / 2_200));
  mkdirSync(join(dir, "big"), { recursive: true });
  writeFileSync(join(dir, "big", "index.html"), home.replace("</main>", `${filler}</main>`));
  return dir;
}

/**
 * Request headers a browser's navigation sends, with the visitor's id cookie for both personalizing
 * workers — except for `firstVisit` targets, which get none (a new id, no profile to read).
 */
const navigation = (target, i) => ({
  host: target.host,
  "user-agent": BROWSER_UA,
  accept: "text/html,application/xhtml+xml",
  "sec-fetch-dest": "document",
  ...(!target.firstVisit && { cookie: `vt_id=${VISITORS[i % VISITORS.length]}; gbuuid=${VISITORS[i % VISITORS.length]}` }),
});

/** One GET with its timings: headers (time to first byte), first body byte, whole body. */
function timedGet(target, path, i) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get({ host: "127.0.0.1", port: target.port, path, headers: navigation(target, i), agent: target.agent }, (res) => {
      const headersMs = performance.now() - t0;
      let firstMs = null;
      const chunks = [];
      res.on("data", (c) => {
        firstMs ??= performance.now() - t0;
        chunks.push(c);
      });
      res.on("end", () => resolve({ status: res.statusCode, headersMs, firstMs, totalMs: performance.now() - t0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
  });
}

/** A closed-loop GET run (autocannon), in the part shape bench/lib/load.mjs summarizes. */
async function load(target, path, connections, seconds) {
  const latencies = [];
  const statuses = {};
  let i = 0;
  const server0 = treeCpuMs(target.pid);
  const t0 = performance.now();
  const run = autocannon({ url: `http://127.0.0.1:${target.port}`, connections, duration: seconds, timeout: 10, requests: [{ method: "GET", path, setupRequest: (req) => ({ ...req, headers: navigation(target, i++) }) }] });
  run.on("response", (_c, status, _b, ms) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status === 200) latencies.push(ms);
  });
  const result = await run;
  const server1 = treeCpuMs(target.pid);
  return { latencies, elapsedMs: performance.now() - t0, statuses, errors: result.errors + result.timeouts, clientCpuMs: 0, serverCpuMs: server0 !== null && server1 !== null ? server1 - server0 : null };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: round(quantile(s, 0.5), 2), p90: round(quantile(s, 0.9), 2) };
};

/** Refuses to time a worker that answers wrongly. */
async function sanity(targets, originHome) {
  const home = (t, i = 0) => timedGet(t, "/", i);
  const pass = await home(targets.passthrough);
  if (pass.body !== originHome) throw new Error("vitrine bench: the pass-through worker changed the page; refusing to time it");
  const arms = new Set();
  for (let i = 0; i < 12; i++) {
    const page = (await home(targets.vitrine, i)).body;
    if (!/data-vt-slot="hero" data-vt-variant="[a-z-]+"/.test(page) || !page.includes('src="/_vt/v1/sdk.js"')) throw new Error(`vitrine bench: proxy mode did not personalize the page; refusing to time it\n${page.slice(0, 400)}`);
    arms.add(/data-vt-variant="([a-z-]+)"/.exec(page)[1]);
  }
  if (!arms.has("mens") || !arms.has("default")) throw new Error(`vitrine bench: proxy mode served only ${[...arms]} across 12 visitors; the hero test is not running`);
  if (targets.growthbook) {
    const seen = new Set();
    for (let i = 0; i < 12; i++) seen.add((await home(targets.growthbook, i)).body.includes(`<h1 data-vt-headline>${MENS.headline}</h1>`) ? "mens" : "default");
    if (seen.size < 2) throw new Error(`vitrine bench: GrowthBook's edge app served only ${[...seen]} across 12 visitors; its experiment is not running`);
  }
}

/**
 * @param {{ tmpDir: string, seconds: number, rounds: number, warmSeconds: number, connections: number, quick?: boolean, track: (server: any) => any, log: (line: string) => void }} options
 */
export async function measureProxy({ tmpDir, seconds, rounds, warmSeconds, connections, quick = false, track, log }) {
  const origin = track(await startDemoOrigin({ dir: siteWithBigPage(join(tmpDir, "proxy-site")) }));
  const originHome = await (await fetch(`${origin.url}/`)).text();
  const seed = { ...proxyDemoSeed(origin.url), experiments: [HERO_TEST] };
  seed.proxy.cacheHtmlSeconds = 0; // every scenario fetches the origin page on every request
  log(`  origin ${origin.url}; starting the edge worker, a pass-through worker and GrowthBook's edge app on wrangler dev…`);
  const vitrine = track(await wrangler({ cwd: EDGE_DIR, port: await freePort(), persistTo: join(tmpDir, "proxy-edge"), vars: { SEED_CONFIGS: JSON.stringify([seed]) }, healthPath: "/v1/health" }));
  const passthrough = track(await wrangler({ cwd: passThroughDir(join(tmpDir, "passthrough"), origin.url), port: await freePort(), persistTo: join(tmpDir, "proxy-pass"), healthPath: "/" }));
  let growthbook = null;
  let growthbookSkipped = null;
  try {
    growthbook = track(await wrangler({ cwd: await growthbookDir(join(tmpDir, "growthbook"), origin.url), port: await freePort(), persistTo: join(tmpDir, "proxy-gb"), healthPath: "/" }));
  } catch (error) {
    growthbookSkipped = `GrowthBook's edge app did not start: ${error instanceof Error ? error.message.split("\n")[0] : error}`;
    log(`  ${growthbookSkipped}`);
  }
  const agent = () => new http.Agent({ keepAlive: true, maxSockets: 1 });
  const targets = {
    passthrough: { ...passthrough, host: `127.0.0.1:${passthrough.port}`, agent: agent() },
    vitrine: { ...vitrine, host: `${PROXY_DEMO_HOST}:${vitrine.port}`, agent: agent() },
    vitrineFirst: { ...vitrine, host: `${PROXY_DEMO_HOST}:${vitrine.port}`, agent: agent(), firstVisit: true },
    ...(growthbook && { growthbook: { ...growthbook, host: `127.0.0.1:${growthbook.port}`, agent: agent() } }),
  };
  await sanity(targets, originHome);
  const keys = Object.keys(targets);

  log(`  warm-up: ${warmSeconds} s per scenario`);
  for (const key of keys) await load(targets[key], "/", connections, warmSeconds);
  const parts = Object.fromEntries(keys.map((k) => [k, []]));
  const slice = Math.max(1, Math.round(seconds / rounds));
  for (let r = 1; r <= rounds; r++) {
    for (const key of keys) {
      const part = await load(targets[key], "/", connections, slice);
      parts[key].push(part);
      log(`  round ${r}/${rounds} ${key.padEnd(11)} ${Math.round(part.latencies.length / (part.elapsedMs / 1000))} req/s`);
    }
  }

  // One request at a time, interleaved: what a shopper waits for, without queueing.
  const latency = {};
  const samples = quick ? 30 : 150;
  for (const path of ["/", "/big/"]) {
    const times = Object.fromEntries(keys.map((k) => [k, { headersMs: [], firstMs: [], totalMs: [] }]));
    for (let i = 0; i < samples; i++) {
      for (const key of keys) {
        const t = await timedGet(targets[key], path, i);
        if (t.status !== 200) throw new Error(`vitrine bench: ${key} answered ${t.status} for ${path}`);
        for (const m of ["headersMs", "firstMs", "totalMs"]) times[key][m].push(t[m]);
      }
    }
    latency[path] = Object.fromEntries(keys.map((k) => [k, Object.fromEntries(Object.entries(times[k]).map(([m, xs]) => [m, stats(xs)]))]));
    log(`  ${path}: total p50 ${keys.map((k) => `${k} ${latency[path][k].totalMs.p50} ms`).join(", ")}`);
  }
  for (const t of Object.values(targets)) t.agent.destroy();

  const out = { runtime: "wrangler dev", page: "/", pageBytes: Buffer.byteLength(originHome), bigPageBytes: (await (await fetch(`${origin.url}/big/`)).arrayBuffer()).byteLength, connections, secondsPerScenario: slice * rounds, rounds, samplesPerPath: samples };
  for (const key of keys) out[key] = summarize(parts[key]);
  if (growthbookSkipped) out.growthbook = { status: growthbookSkipped };
  out.latency = latency;
  out.timeRatio = round(latency["/"].vitrine.totalMs.p50 / latency["/"].passthrough.totalMs.p50, 3);
  out.loadedTimeRatio = round(out.vitrine.p50Ms / out.passthrough.p50Ms, 3);
  out.rpsRatio = round(out.vitrine.rps / out.passthrough.rps, 3);
  out.firstVisitTimeRatio = round(latency["/"].vitrineFirst.totalMs.p50 / latency["/"].passthrough.totalMs.p50, 3);
  out.method = "GET / (demo home, A/B test on the hero; 200 returning visitors by cookie, or first visits without one) through each worker, origin fetched on every request (cacheHtmlSeconds 0); load: autocannon, interleaved rounds; latency: one request at a time, interleaved, node:http keep-alive";
  await Promise.all([vitrine, passthrough, growthbook, origin].filter(Boolean).map((s) => s.stop()));
  return out;
}

/**
 * The (e) rows of the bench table, each figure beside its target; sets `verdicts.proxyTimeRatio`.
 * @example rows.push(...proxyRows(r.proxy, verdicts));
 */
export function proxyRows(p, verdicts) {
  if (!p || p.status) return [["(e) proxy mode (HTMLRewriter) overhead per page", p?.status ?? "not run", "", "", "—"]];
  const ok = p.timeRatio <= PROXY_TARGET_RATIO;
  verdicts.proxyTimeRatio = ok ? "met" : "MISSED";
  const one = (key, path = "/") => `${fixed(p.latency[path][key].headersMs.p50, 1)} / ${fixed(p.latency[path][key].totalMs.p50, 1)} ms`;
  const loaded = (s) => `p50 ${fixed(s.p50Ms, 1)} ms at ${p.connections} conn${s.serverCpuMsPerRequest === null ? "" : `, ${fixed(s.serverCpuMsPerRequest, 2)} ms CPU/req`}`;
  const kb = Math.round(p.pageBytes / 100) / 10;
  const rows = [
    [`(e) proxy mode on ${p.runtime}: GET / (${kb} KB home page, A/B test on the hero); TTFB / total, one request at a time`],
    ["    pass-through worker (fetch the origin, return it)", one("passthrough"), `${int(p.passthrough.rps)} req/s, ${loaded(p.passthrough)}`, "", ""],
    ["    Vitrine proxy, returning visitors (profile read, decide, rewrite)", one("vitrine"), `${int(p.vitrine.rps)} req/s, ${loaded(p.vitrine)}`, "", ""],
    ["    Vitrine proxy, first visits (no profile to read)", one("vitrineFirst"), `${int(p.vitrineFirst.rps)} req/s, ${loaded(p.vitrineFirst)}`, "", "—"],
    ["    Vitrine ÷ pass-through, time per page (returning)", `${fixed(p.timeRatio, 2)}×`, `${fixed(p.rpsRatio, 2)}× the req/s; ${fixed(p.loadedTimeRatio, 2)}× the p50 under load; first visits ${fixed(p.firstVisitTimeRatio, 2)}×`, `≤ ${PROXY_TARGET_RATIO}×`, ok ? "met" : "MISSED"],
  ];
  if (p.growthbook?.status) rows.push(["    GrowthBook edge app", "skipped", p.growthbook.status, "", "—"]);
  else rows.push(["    GrowthBook edge app 0.1.15 (visual experiment)", one("growthbook"), `${int(p.growthbook.rps)} req/s, ${loaded(p.growthbook)}`, "", "—"]);
  const big = Math.round(p.bigPageBytes / 100_000) / 10;
  rows.push([`    ${big} MB page, TTFB / total: Vitrine`, one("vitrine", "/big/"), `pass-through ${one("passthrough", "/big/")}; GrowthBook ${p.latency["/big/"].growthbook ? one("growthbook", "/big/") : "—"}`, "", "—"]);
  return rows;
}

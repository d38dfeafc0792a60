// (a) and (b): POST /v1/decide and /v1/collect against the real worker, beside a hello-world
// worker on the same runtime. Both servers run side by side and the scenarios take turns in
// short rounds, so background load on the machine falls on baseline and worker alike.
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startWorker } from "../../scripts/worker.mjs";
import { applyResultsMigrations } from "../lib/experiment-sim.mjs";
import { freePort } from "../lib/net.mjs";
import { runLoad, summarize, round } from "../lib/load.mjs";
import { bodyFactory } from "../lib/bodies.mjs";
import { BROWSER_UA } from "../lib/catalog.mjs";
import { startWrangler, EDGE_DIR, ROOT } from "../lib/wrangler.mjs";
import { prepareBare, startWorkerd } from "../lib/workerd.mjs";

export const COLLECT_BATCH = 10;
const BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

/**
 * Starts hello + edge on `runtime` ("wrangler" | "workerd"), and on bare workerd the floor worker
 * (bench/floor); registers their stops with `track`.
 */
async function startPair(runtime, tmpDir, bundleFile, track, storageRoot) {
  if (runtime === "wrangler") {
    const hello = track(await startWrangler({ cwd: join(ROOT, "bench", "hello"), port: await freePort(), persistTo: join(tmpDir, "wrangler-hello") }));
    const edge = track(await startWrangler({ cwd: EDGE_DIR, port: await freePort(), persistTo: join(tmpDir, "wrangler-edge") }));
    return { hello, edge };
  }
  const helloDir = join(tmpDir, "workerd-hello");
  const edgeDir = join(tmpDir, "workerd-edge");
  const hello = track(await startWorkerd({ dir: helloDir, config: prepareBare("hello", helloDir), port: await freePort() }));
  // The Durable Objects' SQLite files: beside the worker, or under `storageRoot` (a tmpfs) when given.
  const storage = storageRoot ? join(storageRoot, "do") : join(edgeDir, "do");
  mkdirSync(storage, { recursive: true });
  const edge = track(await startWorkerd({ dir: edgeDir, config: prepareBare("edge", edgeDir, bundleFile), port: await freePort(), storageDir: storage }));
  // The floor under recording: one Durable Object call appending one row, its storage beside the edge's.
  const floorDir = join(tmpDir, "workerd-floor");
  const floorStorage = storageRoot ? join(storageRoot, "floor") : join(floorDir, "do");
  mkdirSync(floorStorage, { recursive: true });
  const floor = track(await startWorkerd({ dir: floorDir, config: prepareBare("floor", floorDir), port: await freePort(), storageDir: floorStorage }));
  return { hello, edge, floor };
}

/** Checks each scenario answers as it should before timing it: a wrong answer fast is not a result. */
async function sanity(edge, hello, floor, bodies) {
  const post = async (base, path, body, ua = BROWSER_UA) => {
    const res = await fetch(base + path, { method: "POST", body, headers: { "content-type": "application/json", "user-agent": ua } });
    return { status: res.status, json: await res.json().catch(() => null) };
  };
  const checks = [
    ["hello", await post(hello.url, "/v1/decide", bodies.decide()), (r) => r.status === 200],
    ...(floor ? [["floor", await post(floor.url, "/v1/decide", bodies.decide()), (r) => r.status === 200 && r.json?.ok === true]] : []),
    // Asked with `explain`, the only way a public decision carries (coarse) traits.
    ["decide", await post(edge.url, "/v1/decide", JSON.stringify({ ...JSON.parse(bodies.decide()), explain: true })), (r) => r.status === 200 && r.json?.hero?.variant && r.json.traits?.lifecycle?.sessions >= 1 && r.json.sort?.skus?.length === 12],
    ["decide (bot)", await post(edge.url, "/v1/decide", bodies.decide(), BOT_UA), (r) => r.status === 200 && r.json?.bot === true],
    ["collect", await post(edge.url, "/v1/collect", bodies.collect(COLLECT_BATCH)), (r) => r.status === 202 && r.json?.accepted === COLLECT_BATCH],
  ];
  for (const [name, result, ok] of checks) {
    if (!ok(result)) throw new Error(`vitrine bench: ${name} answered ${result.status} ${JSON.stringify(result.json)?.slice(0, 300)}; refusing to time it`);
  }
}

/**
 * @param {{ runtime: "wrangler" | "workerd", tmpDir: string, bundleFile?: string, seconds: number, rounds: number, warmSeconds: number, connections: number, track: (server: any) => any, log: (line: string) => void, storageRoot?: string }} options
 */
export async function measureHttp({ runtime, tmpDir, bundleFile, seconds, rounds, warmSeconds, connections, track, log, storageRoot }) {
  const label = runtime === "wrangler" ? "wrangler dev" : "bare workerd";
  log(`  starting hello-world and the edge worker on ${label}…`);
  const { hello, edge, floor } = await startPair(runtime, tmpDir, bundleFile, track, storageRoot);
  log(`  ready: hello ${Math.round(hello.readyMs)} ms, edge ${Math.round(edge.readyMs)} ms${floor ? `, floor ${Math.round(floor.readyMs)} ms` : ""} after spawn`);
  const bodies = bodyFactory({ origin: edge.url });
  await sanity(edge, hello, floor, bodies);

  const scenarios = [
    { key: "hello", server: hello, path: "/v1/decide", makeBody: bodies.decide },
    // Decide and collect leave batches behind (live numbers, product views) that go up to a second
    // later: their CPU is read once those have gone (`settleMs`), so the batches count with them.
    { key: "decide", server: edge, path: "/v1/decide", makeBody: bodies.decide, settleMs: 1_500 },
    { key: "decideBot", server: edge, path: "/v1/decide", makeBody: bodies.decide, userAgent: BOT_UA },
    { key: "collect", server: edge, path: "/v1/collect", makeBody: () => bodies.collect(COLLECT_BATCH), items: COLLECT_BATCH, settleMs: 1_500 },
    // Bare workerd only: what remembering a page view costs at the least (bench/floor).
    ...(floor ? [{ key: "floor", server: floor, path: "/v1/decide", makeBody: bodies.decide }] : []),
  ];
  const load = (s, secs) => runLoad({ url: s.server.url, path: s.path, connections, seconds: secs, makeBody: s.makeBody, serverPid: s.server.pid, userAgent: s.userAgent, settleMs: s.settleMs });

  log(`  warm-up: ${warmSeconds} s per scenario (touches every pooled visitor's Durable Object)`);
  for (const s of scenarios) await load(s, warmSeconds);

  const parts = Object.fromEntries(scenarios.map((s) => [s.key, []]));
  const slice = Math.max(1, Math.round(seconds / rounds));
  for (let r = 1; r <= rounds; r++) {
    for (const s of scenarios) {
      const part = await load(s, slice);
      parts[s.key].push(part);
      log(`  round ${r}/${rounds} ${s.key.padEnd(9)} ${Math.round(part.latencies.length / (part.elapsedMs / 1000))} req/s`);
    }
  }
  const out = { runtime: label, doStorage: runtime === "workerd" ? (storageRoot ? "tmpfs" : "disk") : "wrangler", connections, secondsPerScenario: slice * rounds, rounds, cpuSettleMs: Object.fromEntries(scenarios.map((s) => [s.key, s.settleMs ?? 0])) };
  for (const s of scenarios) out[s.key] = summarize(parts[s.key], s.items ?? 1);
  out.decideRatio = round(out.decide.rps / out.hello.rps, 3);
  out.decideBotRatio = round(out.decideBot.rps / out.hello.rps, 3);
  out.collectRatio = round(out.collect.rps / out.hello.rps, 3);
  out.readyMs = { hello: Math.round(hello.readyMs), edge: Math.round(edge.readyMs) };
  await hello.stop();
  await edge.stop();
  await floor?.stop();
  return out;
}

/** Two running experiments, one per target, as a site would run them side by side. */
const TWO_EXPERIMENTS = [
  { id: "bench-hero", name: "Hero test", status: "running", targets: ["hero"], arms: [{ id: "control", control: true, weight: 1 }, { id: "b", weight: 1, slots: { hero: "mens" } }] },
  { id: "bench-sort", name: "Sort test", status: "running", targets: ["sort"], arms: [{ id: "control", control: true, weight: 1 }, { id: "b", weight: 1, sort: "price_desc" }] },
];

/**
 * Decide on a site with two running experiments against decide on a site with none, on one
 * wrangler dev worker (with its D1 results store and queue, so assignments, exposures and their
 * queue writes all count), in interleaved rounds. Goal: within 10% (ratio ≥ 0.9).
 */
export async function measureExperimentOverhead({ tmpDir, seconds, rounds, warmSeconds, connections, track, log }) {
  const persistTo = join(tmpDir, "wrangler-experiments");
  await applyResultsMigrations(persistTo);
  const token = randomUUID();
  log("  starting the edge worker on wrangler dev with an admin token…");
  // One client address sends every request: the per-address rate limit would answer most of them 429.
  const edge = track(await startWorker({ port: await freePort(), persistTo, vars: { ADMIN_TOKEN: token, RATE_LIMITS: "off" } }));
  const demo = JSON.parse(readFileSync(join(ROOT, "examples", "demo-store", "vitrine.config.json"), "utf8"));
  const sites = { plain: { site: "bench-plain", experiments: [] }, experiments: { site: "bench-experiments", experiments: TWO_EXPERIMENTS } };
  for (const { site, experiments } of Object.values(sites)) {
    const res = await fetch(`${edge.url}/v1/sites/${site}/config`, { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ ...demo, site, experiments }) });
    if (res.status !== 200) throw new Error(`vitrine bench: storing the config of ${site} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
  // The same bodies as the decide rows, sent for each site (the site id leads every body).
  const bodies = bodyFactory({ origin: edge.url });
  const forSite = (site) => () => bodies.decide().replace('{"site":"demo",', `{"site":"${site}",`);
  const checks = await Promise.all(
    Object.values(sites).map(async ({ site }) => {
      const res = await fetch(`${edge.url}/v1/decide`, { method: "POST", body: forSite(site)(), headers: { "content-type": "application/json", "user-agent": BROWSER_UA } });
      return { site, status: res.status, json: await res.json().catch(() => null) };
    }),
  );
  const [plainCheck, experimentsCheck] = checks;
  if (plainCheck.status !== 200 || plainCheck.json?.experiments?.length !== 0 || experimentsCheck.status !== 200 || experimentsCheck.json?.experiments?.length !== 2) {
    throw new Error(`vitrine bench: decide with and without experiments answered ${checks.map((c) => `${c.site} ${c.status} ${JSON.stringify(c.json?.experiments)}`).join("; ")}; refusing to time it`);
  }
  const scenarios = [
    { key: "plain", makeBody: forSite(sites.plain.site) },
    { key: "experiments", makeBody: forSite(sites.experiments.site) },
  ];
  const load = (s, secs) => runLoad({ url: edge.url, path: "/v1/decide", connections, seconds: secs, makeBody: s.makeBody });
  // Every pooled visitor decides once per site first, so enrolling (arms stored, exposures
  // queued, once per visitor) is done before the timing and the rows compare steady decides.
  log(`  warm-up: one decide per pooled visitor on each site, then ${warmSeconds} s per scenario`);
  for (const { site } of Object.values(sites)) {
    const queue = [...bodies.visitorIds];
    await Promise.all(
      Array.from({ length: connections }, async () => {
        for (let visitor = queue.pop(); visitor; visitor = queue.pop()) {
          const body = JSON.stringify({ site, visitor, url: `${edge.url}/`, events: [{ id: `${visitor}.warm.${site}`, type: "page_view", ts: Date.now(), url: `${edge.url}/` }] });
          const res = await fetch(`${edge.url}/v1/decide`, { method: "POST", body, headers: { "content-type": "application/json", "user-agent": BROWSER_UA } });
          await res.arrayBuffer();
        }
      }),
    );
  }
  for (const s of scenarios) await load(s, warmSeconds);
  const parts = { plain: [], experiments: [] };
  const slice = Math.max(1, Math.round(seconds / rounds));
  for (let r = 1; r <= rounds; r++) {
    for (const s of scenarios) {
      const part = await load(s, slice);
      parts[s.key].push(part);
      log(`  round ${r}/${rounds} decide ${s.key.padEnd(11)} ${Math.round(part.latencies.length / (part.elapsedMs / 1000))} req/s`);
    }
  }
  const out = { runtime: "wrangler dev", connections, secondsPerScenario: slice * rounds, rounds, experiments: TWO_EXPERIMENTS.map((e) => e.id) };
  out.plain = summarize(parts.plain);
  out.withExperiments = summarize(parts.experiments);
  out.ratio = round(out.withExperiments.rps / out.plain.rps, 3);
  out.p50AddedMs = round(out.withExperiments.p50Ms - out.plain.p50Ms, 3);
  await edge.stop();
  return out;
}

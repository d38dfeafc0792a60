// `npm run simulate -- --experiment`: an A/B test with a planted true lift. Configures a running
// experiment on the hero through the admin config API, sends visitors through it (the worker
// assigns the arms and records exposures), buys with a probability that is higher in arm "b" by
// the planted lift, reports each order through the trusted orders endpoint as the shop's backend
// would, then reads the results the worker computed.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./wrangler.mjs";
import { HOME_GRID, PRODUCTS, eventProduct } from "./catalog.mjs";

const DAY = 86_400_000;
const MID = PRODUCTS.filter((p) => p.price >= 30 && p.price <= 300);
/** Ids of experiments this simulator made: earlier ones are taken out of the config on the next run. */
export const SIM_PREFIX = "sim-lift-";

/** The experiment: control keeps the default hero, b shows the men's hero; trusted orders count. */
export function simExperiment(id) {
  return {
    id,
    name: "Simulated lift on the hero",
    description: "Made by npm run simulate -- --experiment: arm b's visitors buy more often by the planted lift.",
    status: "running",
    targets: ["hero"],
    traffic: 1,
    arms: [
      { id: "control", control: true, weight: 1 },
      { id: "b", weight: 1, slots: { hero: "mens" } },
    ],
    primaryMetric: "purchase",
    conversions: "trusted",
    start: Date.now() - 60_000,
  };
}

async function admin(base, token, method, path, body, headers = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* CSV or an empty body */
  }
  return { status: res.status, json, text, etag: res.headers.get("etag") };
}

/**
 * Puts `experiment` into the site's config as the one running experiment on its targets: other
 * running experiments on them are stopped, earlier simulator experiments removed. Starts from the
 * stored config, or from the demo shop's when the site has none yet.
 */
export async function configureExperiment({ base, token, site, experiment }) {
  const current = await admin(base, token, "GET", `/v1/sites/${site}/config`);
  if (current.status === 401 || current.status === 503) throw new Error(`vitrine simulate: the admin API refused the token (${current.status}); pass --token with the worker's ADMIN_TOKEN`);
  let config;
  let ifMatch;
  if (current.status === 200) {
    config = current.json.config;
    ifMatch = current.etag ?? `"${current.json.version}"`;
  } else if (current.status === 404) {
    config = { ...JSON.parse(readFileSync(join(ROOT, "examples", "demo-store", "vitrine.config.json"), "utf8")), site };
  } else {
    throw new Error(`vitrine simulate: GET /v1/sites/${site}/config answered ${current.status}: ${current.text.slice(0, 300)}`);
  }
  const others = (config.experiments ?? [])
    .filter((e) => !e.id.startsWith(SIM_PREFIX))
    .map((e) => (e.status === "running" && e.targets.some((t) => experiment.targets.includes(t)) ? { ...e, status: "stopped" } : e));
  const next = { ...config, experiments: [...others, experiment] };
  const put = await admin(base, token, "PUT", `/v1/sites/${site}/config`, next, ifMatch ? { "if-match": ifMatch } : {});
  if (put.status !== 200) throw new Error(`vitrine simulate: storing the experiment answered ${put.status}: ${put.text.slice(0, 500)}`);
  return put.json;
}

/** Orders a returning customer placed before the experiment: the pre-exposure spend CUPED adjusts for. */
function priorOrders(v, rng, now) {
  return Array.from({ length: rng.int(1, 3) }, (_, i) => ({ visitor: v.id, id: `${v.id}-prior-${i}`, total: rng.pick(MID).price, ts: now - rng.int(2, 60) * DAY }));
}

/**
 * One visitor: maybe earlier orders, a home page (the worker assigns and exposes), then a cart
 * add and a purchase with the arm's probability. Answers what really happened, for comparison.
 * @returns {Promise<{ arm: string | null, returning: boolean, carted: boolean, bought: boolean, revenue: number }>}
 */
export async function driveVisitor({ v, rng, client, origin, experimentId, conversion, lift }) {
  const now = Date.now();
  const returning = rng.chance(0.3);
  if (returning) await client.orders(priorOrders(v, rng, now));
  const event = (type, extra) => ({ id: `${v.id}.${(v.n = (v.n ?? 0) + 1)}`, type, ts: Date.now(), ...extra });
  const decision = await client.decide(v.id, [event("page_view", { url: `${origin}/`, title: "Harbor Goods" })], { url: `${origin}/`, products: HOME_GRID });
  const arm = decision?.experiments?.find((e) => e.id === experimentId)?.arm ?? null;
  const out = { arm, returning, carted: false, bought: false, revenue: 0 };
  if (!arm) return out;

  // The planted truth: returning customers buy twice as often; arm b by (1 + lift) more.
  const p = Math.min(0.95, conversion * (returning ? 2 : 1) * (arm === "b" ? 1 + lift : 1));
  const roll = rng.next();
  if (roll >= Math.min(0.95, p * 3)) return out;
  const product = rng.pick(MID);
  const url = `${origin}${product.path}`;
  await client.decide(v.id, [event("product_view", { url, title: product.name, product: eventProduct(product) })], { url });
  out.carted = true;
  const cart = event("add_to_cart", { url, product: eventProduct(product) });
  if (roll >= p) {
    await client.collect(v.id, [cart]);
    return out;
  }
  await client.decide(v.id, [cart, event("checkout", { url: `${origin}/cart/` })], { url: `${origin}/cart/` });
  const order = { id: `${v.id}-order`, total: product.price, currency: "USD" };
  await client.collect(v.id, [event("purchase", { url: `${origin}/cart/?order=${order.id}`, order })]);
  await client.orders([{ visitor: v.id, id: order.id, total: order.total, ts: Date.now() }]);
  out.bought = true;
  out.revenue = order.total;
  return out;
}

/**
 * The worker's results once the queue has delivered what the run sent: polls until every
 * exposed visitor and every order is counted, or until `timeoutMs`.
 */
export async function awaitResults({ base, token, site, experimentId, exposed, buyers, timeoutMs = 30_000 }) {
  const path = `/v1/sites/${site}/experiments/${experimentId}/results`;
  const deadline = Date.now() + timeoutMs;
  let last = null;
  for (;;) {
    const res = await admin(base, token, "GET", path);
    if (res.status !== 200) throw new Error(`vitrine simulate: GET ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
    last = res.json;
    const visitors = last.arms.reduce((sum, a) => sum + a.visitors, 0);
    const converters = last.arms.reduce((sum, a) => sum + a.converters, 0);
    if ((visitors >= exposed && converters >= buyers) || Date.now() > deadline) return { results: last, complete: visitors >= exposed && converters >= buyers, path };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The whole `--experiment` run on a started worker: configure, drive `flags.visitors` visitors
 * (at most `flags.concurrency` at once, until `deadline`), wait for the results, answer them
 * with the simulated truth beside them.
 */
export async function runExperimentScenario({ flags, base, token, client, pool, deadline, createRng, progress }) {
  const experimentId = `${SIM_PREFIX}${Date.now().toString(36)}`;
  await configureExperiment({ base, token, site: flags.site, experiment: simExperiment(experimentId) });
  const planted = { conversion: flags.conversion / 100, lift: flags.lift / 100 };
  process.stderr.write(`vitrine simulate: experiment ${experimentId} on site "${flags.site}", planted lift +${flags.lift}% on a ${flags.conversion}% base rate, ${flags.visitors} visitors\n`);

  const master = createRng(flags.seed);
  const truth = {};
  const t0 = performance.now();
  const bar = progress({ total: flags.visitors, label: "visitors" });
  const done = await pool(flags.visitors, flags.concurrency, deadline, async (i) => {
    const v = { id: `simx${flags.seed.toString(36)}_${experimentId.slice(SIM_PREFIX.length)}_${i.toString(36).padStart(5, "0")}` };
    const outcome = await driveVisitor({ v, rng: master.fork(i + 1), client, origin: base, experimentId, ...planted });
    if (outcome.arm) {
      const t = (truth[outcome.arm] ??= { visitors: 0, buyers: 0, revenue: 0, carted: 0 });
      t.visitors++;
      t.carted += outcome.carted ? 1 : 0;
      t.buyers += outcome.bought ? 1 : 0;
      t.revenue += outcome.revenue;
    }
    bar.tick(`${client.stats.errors} errors`);
  });
  bar.done(`${client.stats.errors} errors`);
  const seconds = (performance.now() - t0) / 1000;

  const arms = Object.values(truth);
  const exposed = arms.reduce((sum, t) => sum + t.visitors, 0);
  const buyers = arms.reduce((sum, t) => sum + t.buyers, 0);
  process.stderr.write(`vitrine simulate: waiting for the queue to deliver ${exposed} exposures and ${buyers} orders to the results…\n`);
  const { results, complete, path } = await awaitResults({ base, token, site: flags.site, experimentId, exposed, buyers });
  return {
    experimentId,
    planted,
    truth,
    results,
    complete,
    skipped: flags.visitors - done,
    unassigned: done - exposed,
    links: { json: base + path, csv: `${base}${path}?format=csv`, page: `${base}/admin/sites/${flags.site}/experiments/${experimentId}` },
    timing: { seconds, requests: client.stats.requests },
    client: client.stats,
  };
}

/**
 * Applies the edge worker's D1 migrations to the local state in `persistTo`, as `wrangler dev
 * --persist-to` will read it: `wrangler d1 migrations apply vitrine-results --local`. Run it
 * before starting the worker on fresh state, or the queue consumer has no tables to write.
 */
export async function applyResultsMigrations(persistTo) {
  const wrangler = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
  await promisify(execFile)(process.execPath, [wrangler, "d1", "migrations", "apply", "vitrine-results", "--local", "--persist-to", persistTo], {
    cwd: join(ROOT, "packages", "edge"),
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0", CI: "1" },
    maxBuffer: 4 * 1024 * 1024,
  });
}

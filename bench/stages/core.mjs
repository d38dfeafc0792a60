// (c) The decision itself, in process: classify + decide per call on realistic profiles (each
// folded from 50-200 events over two weeks), plus the other per-request work the worker does
// around it (validating the body, folding the new event, the profile's JSON round trip).
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../lib/wrangler.mjs";
import { createRng } from "../lib/rng.mjs";
import { quantile } from "../lib/load.mjs";
import { CATEGORIES, HOME_GRID, eventProduct, productCard } from "../lib/catalog.mjs";

const DAY = 86_400_000;
const ORIGIN = "https://shop.example";
const STATS = { orders: 1200, customers: 800, aovP90: 420, spendP90: 900 };

/** Bundles bench/core/entry.ts to `outFile` and imports it. */
async function loadCore(outFile) {
  await build({ entryPoints: [join(ROOT, "bench", "core", "entry.ts")], bundle: true, platform: "node", format: "esm", target: "node20", outfile: outFile, logLevel: "silent" });
  return import(pathToFileURL(outFile).href);
}

/** One visitor's history: 50-200 events in sessions over the last 14 days. */
function history(rng, now) {
  const target = rng.int(50, 200);
  const favourite = rng.pick(CATEGORIES.filter((c) => c.names.length === 2));
  const events = [];
  let ts = now - 14 * DAY + rng.int(0, DAY);
  let n = 0;
  while (events.length < target) {
    const length = rng.int(3, 15);
    const landing = rng.pick(["", "https://www.google.com/", "https://www.rtings.com/headphones/reviews/best", `${ORIGIN}/?utm_source=newsletter&utm_medium=email&utm_campaign=winter`]);
    let url = landing.startsWith(ORIGIN) ? landing : `${ORIGIN}/`;
    let referrer = landing.startsWith(ORIGIN) ? "" : landing;
    for (let i = 0; i < length && events.length < target; i++) {
      const id = `e${n++}`;
      const category = rng.chance(0.7) ? favourite : rng.pick(CATEGORIES);
      const p = rng.pick(category.products);
      const roll = rng.next();
      let event;
      if (roll < 0.15) event = { id, type: "page_view", ts, url, referrer };
      else if (roll < 0.35) event = { id, type: "category_view", ts, url: ORIGIN + category.path, referrer, categories: category.names };
      else if (roll < 0.42) event = { id, type: "search", ts, url: `${ORIGIN}/search/?q=${p.name.split(" ")[0]}`, referrer, query: p.name.split(" ")[0] };
      else if (roll < 0.9) event = { id, type: "product_view", ts, url: ORIGIN + p.path, referrer, product: eventProduct(p) };
      else if (roll < 0.96) event = { id, type: "add_to_cart", ts, url: ORIGIN + p.path, product: eventProduct(p) };
      else event = { id, type: "purchase", ts, url: `${ORIGIN}/cart/`, order: { id: `o${n}`, total: p.price, coupon: rng.chance(0.3) ? "WELCOME10" : undefined, skus: [p.sku] } };
      events.push(event);
      referrer = url;
      url = event.url ?? url;
      ts += rng.int(5, 240) * 1000;
    }
    ts += rng.int(40, 60 * 24) * 60_000; // next session: 40 min to a day later
    if (ts > now) ts = now - rng.int(1, 60) * 60_000;
  }
  return { events, favourite };
}

/** Times `fn(i)` `iterations` times after `warm` untimed calls; microseconds per call. */
function time(fn, iterations, warm) {
  for (let i = 0; i < warm; i++) fn(i);
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  samples.sort();
  return { calls: iterations, p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), mean: samples.reduce((a, b) => a + b, 0) / iterations };
}

/**
 * @param {{ tmpDir: string, quick: boolean, log: (line: string) => void }} options
 */
export async function measureCore({ tmpDir, quick, log }) {
  const core = await loadCore(join(tmpDir, "core.mjs"));
  const config = core.SiteConfig.parse(JSON.parse(readFileSync(join(ROOT, "examples", "demo-store", "vitrine.config.json"), "utf8")));
  const ctx = { sessionMinutes: config.settings.sessionMinutes, interestHalfLifeDays: config.settings.interestHalfLifeDays, geo: { country: "DE", timezone: "Europe/Berlin" } };
  const now = Date.now();
  const rng = createRng(11);
  const visitors = Array.from({ length: 200 }, (_, i) => {
    const { events, favourite } = history(rng, now);
    const profile = core.foldEvents(null, events, ctx);
    const grid = [...favourite.products.map(productCard), ...HOME_GRID].slice(0, 12);
    const next = { id: `next${i}`, type: "product_view", ts: now, url: `${ORIGIN}${favourite.products[0].path}`, product: eventProduct(favourite.products[0]) };
    const body = JSON.stringify({ site: "demo", visitor: `visitor_${i}`, url: `${ORIGIN}/`, events: [next], products: grid });
    // `kept`: the copy the visitor's object holds in memory and folds each new event into.
    return { id: `visitor_${i}`, events: events.length, profile, kept: structuredClone(profile), grid, next, body, json: JSON.stringify(profile) };
  });
  const eventsPerProfile = visitors.map((v) => v.events).sort((a, b) => a - b);
  log(`  profiles: ${visitors.length}, ${eventsPerProfile[0]}-${eventsPerProfile.at(-1)} events each (median ${quantile(eventsPerProfile, 0.5)}), profile JSON median ${quantile(visitors.map((v) => v.json.length).sort((a, b) => a - b), 0.5)} bytes`);

  const n = quick ? 10_000 : 50_000;
  const warm = quick ? 2_000 : 10_000;
  const pick = (i) => visitors[i % visitors.length];
  let sink = 0;
  let folded = 0;
  const results = {
    classifyDecide: time((i) => {
      const v = pick(i);
      const traits = core.classify(v.profile, STATS, now, config.settings);
      sink += core.decide({ visitor: v.id, traits, config, products: v.grid }).explain.length;
    }, n, warm),
    classify: time((i) => {
      sink += core.classify(pick(i).profile, STATS, now, config.settings).interests.length;
    }, n, warm),
    validate: time((i) => {
      sink += core.DecideRequest.safeParse(JSON.parse(pick(i).body)).success ? 1 : 0;
    }, n, warm),
    // As the visitor's object folds: into the profile it keeps (no copy), a new event each time,
    // a millisecond after the one before (warm-up and timed calls alike: time never goes back).
    fold: time((i) => {
      const v = pick(i);
      folded += 1;
      sink += core.foldEventsInto(v.kept, [{ ...v.next, id: `next${folded}`, ts: now + folded }], ctx).sessions;
    }, n, warm),
    profileJson: time((i) => {
      sink += JSON.stringify(JSON.parse(pick(i).json)).length;
    }, n, warm),
  };
  if (sink === 0) log("  (no work was done?)");
  return {
    profiles: visitors.length,
    eventsPerProfile: { min: eventsPerProfile[0], median: quantile(eventsPerProfile, 0.5), max: eventsPerProfile.at(-1) },
    products: 12,
    ...results,
  };
}

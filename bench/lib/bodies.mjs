// Request bodies for the load runs: a pool of visitors on the demo shop, each request carrying
// fresh events (unique ids, so none is a duplicate) like the snippet sends them.
import { createRng } from "./rng.mjs";
import { CATEGORIES, HOME_GRID, eventProduct, productCard } from "./catalog.mjs";

/**
 * @param {{ seed?: number, visitors?: number, origin?: string }} options
 * @returns {{ decide: () => string, collect: (batch?: number) => string, visitorIds: string[] }}
 */
export function bodyFactory({ seed = 7, visitors = 200, origin = "http://127.0.0.1:8787" } = {}) {
  const rng = createRng(seed);
  const tag = `${Date.now().toString(36)}${rng.int(0, 1295).toString(36)}`;
  const pool = Array.from({ length: visitors }, (_, i) => ({
    id: `bench_${tag}_${i}`,
    favourite: rng.pick(CATEGORIES.filter((c) => c.names.length === 2)),
    page: `${origin}/`,
  }));
  let n = 0;

  /** One navigation event for `v`, moving them to the next page. */
  const pageEvent = (v) => {
    const id = `${tag}.${(n++).toString(36)}`;
    const ts = Date.now();
    const referrer = v.page;
    const roll = rng.next();
    const category = rng.chance(0.7) ? v.favourite : rng.pick(CATEGORIES);
    let event;
    if (roll < 0.25) {
      event = { id, type: "page_view", ts, url: `${origin}/`, referrer, title: "Harbor Goods" };
    } else if (roll < 0.55) {
      event = { id, type: "category_view", ts, url: origin + category.path, referrer, categories: category.names };
    } else {
      const p = rng.pick(category.products);
      event = { id, type: "product_view", ts, url: origin + p.path, referrer, title: p.name, product: eventProduct(p) };
    }
    v.page = event.url;
    return event;
  };

  const gridFor = (v) => {
    const cards = v.favourite.products.map(productCard);
    return [...cards, ...HOME_GRID.filter((c) => !cards.some((k) => k.sku === c.sku))].slice(0, 12);
  };

  return {
    visitorIds: pool.map((v) => v.id),
    decide() {
      const v = rng.pick(pool);
      return JSON.stringify({ site: "demo", visitor: v.id, url: v.page, events: [pageEvent(v)], products: gridFor(v) });
    },
    collect(batch = 10) {
      const v = rng.pick(pool);
      const events = Array.from({ length: batch }, () => pageEvent(v));
      // One cart add in a few batches, as on a real shop; purchases are left to the simulator.
      if (rng.chance(0.2)) {
        const p = rng.pick(v.favourite.products);
        events[batch - 1] = { id: `${tag}.${(n++).toString(36)}`, type: "add_to_cart", ts: Date.now(), url: origin + p.path, product: eventProduct(p) };
      }
      return JSON.stringify({ site: "demo", visitor: v.id, events });
    },
  };
}


// Synthetic shoppers for `npm run simulate`: each persona is a function drawing one visitor's
// sessions over the simulated days from a seeded PRNG, on the demo shop's real catalog.
// A session is a list of pages; a page is the navigation event the snippet sends with
// /v1/decide, plus the events that happen on it (cart adds, orders), sent with the next call.
import { CATEGORIES, LEAF_CATEGORIES, PRODUCTS, HOME_GRID, eventProduct, productCard } from "./catalog.mjs";

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Gap that always starts a new session (the worker's default session is 30 min of inactivity). */
const SESSION_GAP = 35 * MIN;

const REVIEW_REFERRERS = [
  "https://www.rtings.com/headphones/reviews/best/noise-cancelling",
  "https://www.nytimes.com/wirecutter/reviews/best-noise-cancelling-headphones/",
  "https://soundguys.example/blog/best-bluetooth-earbuds-2026",
  "https://www.techradar.com/news/sony-vs-bose-comparison",
  "https://outdoorgearlab.example/reviews/mens-jackets/best-parka",
];
const SEARCH_REFERRERS = ["https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/"];
const SOCIAL_REFERRERS = ["https://www.instagram.com/", "https://t.co/abc123", "https://www.pinterest.com/"];
const CAMPAIGN_QUERIES = [
  "?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale",
  "?utm_source=google&utm_medium=cpc&utm_campaign=brand-harbor&gclid=Cj0KCQ",
  "?utm_source=facebook&utm_medium=paid_social&utm_campaign=holiday-gifts&fbclid=IwAR2",
  "?gclid=EAIaIQobChMI&utm_campaign=generic-headphones",
];
const COUPONS = ["WELCOME10", "SAVE15", "FREESHIP", "HOLIDAY20"];
export const BOT_AGENTS = [
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
  "python-requests/2.32.3",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
];

/** Persona → share of visitors, and the intent a good classifier should see in them (null: any). */
export const PERSONAS = {
  researcher: { share: 0.17, expect: "researcher", label: "researchers" },
  buyer: { share: 0.17, expect: "buyer", label: "buyers" },
  // About a tenth of all orders, so the site's p90 order value lands near their orders.
  big_spender: { share: 0.04, expect: "buyer", label: "big spenders" },
  coupon_lover: { share: 0.09, expect: "buyer", label: "coupon lovers" },
  cart_abandoner: { share: 0.13, expect: "buyer", label: "cart abandoners" },
  campaign: { share: 0.15, expect: null, label: "campaign arrivals" },
  casual: { share: 0.17, expect: "browser", label: "casual browsers" },
  bot: { share: 0.08, expect: null, label: "bots" },
};

const EXPENSIVE = PRODUCTS.filter((p) => p.price >= 800);
const MID = PRODUCTS.filter((p) => p.price >= 30 && p.price <= 300);

/** Session start times: `count` sessions within [from, to], in order and SESSION_GAP apart at least. */
function sessionStarts(rng, count, from, to) {
  const starts = Array.from({ length: count }, () => from + rng.next() * (to - from)).sort((a, b) => a - b);
  return starts.map(Math.round);
}

/**
 * Builds one visitor's journey.
 * @returns {{ persona: string, userAgent?: string, sessions: { pages: { event: object, after: object[], products?: object[] }[] }[], orders: { total: number }[] }}
 */
export function journey(persona, rng, { origin, days, now }) {
  const from = now - days * 24 * HOUR;
  const to = now - 2 * HOUR;
  let n = 0;
  const id = () => `e${(n++).toString(36)}`;
  const orders = [];
  const favourite = rng.pick(LEAF_CATEGORIES);

  // Page builders. `t` is the clock of the page being built; each advances it by the dwell time.
  let t = 0;
  let page = "";
  const nav = (event, products, dwellSec) => {
    const e = { id: id(), ts: Math.round(t), referrer: page, ...event };
    page = e.url;
    t += dwellSec * 1000;
    return { event: e, after: [], products };
  };
  const home = () => nav({ type: "page_view", url: `${origin}/`, title: "Harbor Goods" }, HOME_GRID, rng.int(5, 40));
  const category = (c) => nav({ type: "category_view", url: origin + c.path, categories: c.names, title: c.names.join(" › ") }, c.products.slice(0, 12).map(productCard), rng.int(10, 60));
  const product = (p, dwellSec = rng.int(30, 150)) => nav({ type: "product_view", url: origin + p.path, title: p.name, product: eventProduct(p) }, undefined, dwellSec);
  const search = (q) => nav({ type: "search", url: `${origin}/search/?q=${encodeURIComponent(q)}`, query: q }, undefined, rng.int(5, 20));
  const cart = (pg, p) => pg.after.push({ id: id(), type: "add_to_cart", ts: Math.round(t - rng.int(5, 20) * 1000), url: origin + p.path, product: eventProduct(p) });
  const checkout = () => nav({ type: "checkout", url: `${origin}/cart/` }, undefined, rng.int(30, 120));
  const buy = (pg, items, coupon) => {
    const total = Math.round(items.reduce((sum, p) => sum + p.price, 0) * (coupon ? 0.9 : 1) * 100) / 100;
    const orderId = `o${id()}`;
    pg.after.push({ id: id(), type: "purchase", ts: Math.round(t - 5000), url: `${origin}/cart/?order=${orderId}`, order: { id: orderId, total, currency: "USD", skus: items.map((p) => p.sku), ...(coupon ? { coupon } : {}) } });
    orders.push({ total });
  };
  /** Starts a session at `start`, landing on `url` from `referrer`. */
  const land = (start, referrer) => {
    t = start;
    page = referrer;
  };
  const pickIn = (c) => rng.pick(c.products);

  const sessions = [];
  const plan = {
    researcher: () => rng.int(3, 5),
    buyer: () => rng.int(1, 2),
    big_spender: () => rng.int(1, 3),
    coupon_lover: () => rng.int(3, 4),
    cart_abandoner: () => rng.int(1, 2),
    campaign: () => 1,
    casual: () => rng.int(1, 2),
    bot: () => 1,
  }[persona]();
  const starts = sessionStarts(rng, plan, from, to);
  let last = -Infinity;

  for (let s = 0; s < plan; s++) {
    const start = Math.max(starts[s], last + SESSION_GAP);
    const final = s === plan - 1;
    const pages = [];
    switch (persona) {
      case "researcher": {
        land(start, rng.chance(0.6) ? rng.pick(REVIEW_REFERRERS) : rng.chance(0.6) ? rng.pick(SEARCH_REFERRERS) : "");
        pages.push(rng.chance(0.5) ? category(favourite) : product(pickIn(favourite)));
        for (let i = rng.int(1, 4); i > 0; i--) pages.push(product(pickIn(rng.chance(0.85) ? favourite : rng.pick(LEAF_CATEGORIES)), rng.int(40, 200)));
        break;
      }
      case "buyer": {
        land(start, final ? rng.pick(["", "", rng.pick(SEARCH_REFERRERS)]) : rng.pick(SEARCH_REFERRERS));
        if (!final) {
          pages.push(home(), category(favourite));
          break;
        }
        const p = pickIn(favourite);
        pages.push(home(), search(p.name.split(" ")[0].toLowerCase()), product(p));
        if (rng.chance(0.4)) pages.push(product(pickIn(favourite)));
        cart(pages.at(-1), p);
        const done = checkout();
        pages.push(done);
        buy(done, [p], rng.chance(0.1) ? rng.pick(COUPONS) : undefined);
        break;
      }
      case "big_spender": {
        land(start, rng.pick(["", rng.pick(SEARCH_REFERRERS)]));
        const p = rng.pick(EXPENSIVE);
        pages.push(home(), product(p));
        if (final || rng.chance(0.5)) {
          const items = rng.chance(0.4) ? [p, rng.pick(MID)] : [p];
          cart(pages.at(-1), p);
          const done = checkout();
          pages.push(done);
          buy(done, items, undefined);
        }
        break;
      }
      case "coupon_lover": {
        land(start, rng.pick(["", rng.pick(SOCIAL_REFERRERS), `${origin}/`]));
        const p = rng.pick(MID);
        pages.push(home(), category(CATEGORIES.find((c) => p.path && c.products.includes(p) && c.names.length === 2)), product(p));
        if (s > 0) {
          cart(pages.at(-1), p);
          const done = checkout();
          pages.push(done);
          buy(done, [p], rng.chance(0.85) ? rng.pick(COUPONS) : undefined);
        }
        break;
      }
      case "cart_abandoner": {
        land(start, rng.pick(["", rng.pick(SEARCH_REFERRERS), rng.pick(SOCIAL_REFERRERS)]));
        pages.push(category(favourite));
        const p = pickIn(favourite);
        pages.push(product(p));
        if (final) {
          cart(pages.at(-1), p);
          if (rng.chance(0.4)) pages.push(checkout());
        }
        break;
      }
      case "campaign": {
        const query = rng.pick(CAMPAIGN_QUERIES);
        land(start, query.includes("facebook") ? "https://www.facebook.com/" : query.includes("newsletter") ? "" : "https://www.google.com/");
        pages.push(nav({ type: "page_view", url: `${origin}/${query}`, title: "Harbor Goods" }, HOME_GRID, rng.int(5, 40)));
        for (let i = rng.int(0, 3); i > 0; i--) pages.push(rng.chance(0.5) ? category(favourite) : product(pickIn(favourite)));
        if (rng.chance(0.1)) {
          const p = pickIn(favourite);
          pages.push(product(p));
          cart(pages.at(-1), p);
          const done = checkout();
          pages.push(done);
          buy(done, [p], rng.chance(0.5) ? "WELCOME10" : undefined);
        }
        break;
      }
      case "casual": {
        land(start, rng.pick(["", "", rng.pick(SOCIAL_REFERRERS)]));
        pages.push(rng.chance(0.6) ? home() : category(rng.pick(CATEGORIES)));
        if (rng.chance(0.5)) pages.push(category(rng.pick(CATEGORIES)));
        if (rng.chance(0.3)) pages.push(product(rng.pick(PRODUCTS), rng.int(5, 25)));
        break;
      }
      case "bot": {
        land(start, "");
        pages.push(home());
        for (let i = rng.int(5, 14); i > 0; i--) {
          pages.push(rng.chance(0.3) ? category(rng.pick(CATEGORIES)) : product(rng.pick(PRODUCTS), rng.int(1, 3)));
        }
        break;
      }
      default:
        throw new Error(`vitrine simulate: unknown persona "${persona}"`);
    }
    last = t;
    sessions.push({ pages });
  }
  return { persona, userAgent: persona === "bot" ? rng.pick(BOT_AGENTS) : undefined, sessions, orders };
}

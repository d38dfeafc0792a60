// The soak's ledger: which events each visitor sends, which got a 2xx, and what the worker's
// stored profile must then show. Pure: no I/O, so the reconciliation can be read on its own.

/** The event types in a visitor's stream, by position: purchases and cart adds among page views. */
export function eventType(i) {
  if (i % 5 === 4) return "purchase";
  if (i % 10 === 2) return "add_to_cart";
  if (i % 3 === 0) return "product_view";
  return "page_view";
}

/**
 * A visitor's `count` events, one per second from `start`. The k-th purchase costs 2^k, so the
 * profile's revenue is a bit mask of exactly which purchases were counted (and a double count
 * shows as a carry).
 * @example visitorEvents("soak-1", 20, Date.now()).length // 20
 */
export function visitorEvents(visitor, count, start, origin = "http://127.0.0.1") {
  let purchases = 0;
  return Array.from({ length: count }, (_, i) => {
    const type = eventType(i);
    const base = { id: `${visitor}.${i}`, type, ts: start + i * 1000, url: `${origin}/p/NC-${100 + (i % 7)}/` };
    if (type === "product_view" || type === "add_to_cart") return { ...base, product: { sku: `NC-${100 + (i % 7)}`, price: 49 + i } };
    if (type === "purchase") return { ...base, url: `${origin}/cart/`, order: { id: `${visitor}-o${purchases}`, total: 2 ** purchases++ } };
    return base;
  });
}

/** Counters a set of events moves in a profile: page views (product views apart), product views, cart adds, orders, revenue. */
export function expectedCounts(events) {
  const out = { pages: 0, products: 0, carts: 0, orders: 0, revenue: 0 };
  for (const event of events) {
    if (event.type === "page_view") out.pages += 1;
    if (event.type === "product_view") out.products += 1;
    if (event.type === "add_to_cart") out.carts += 1;
    if (event.type === "purchase") {
      out.orders += 1;
      out.revenue += event.order.total;
    }
  }
  return out;
}

/** The same counters as a stored profile holds them (its current session and the finished ones). */
export function profileCounts(profile) {
  if (!profile) return { pages: 0, products: 0, carts: 0, orders: 0, revenue: 0 };
  const sessions = [profile.session, ...profile.pastSessions];
  const sum = (key) => sessions.reduce((total, s) => total + s[key], 0);
  return { pages: sum("pageViews") - sum("productViews"), products: sum("productViews"), carts: sum("carts"), orders: profile.totals.orders, revenue: Math.round(profile.totals.revenue) };
}

const popcount = (n) => {
  let bits = 0;
  for (let x = n; x > 0; x >>>= 1) bits += x & 1;
  return bits;
};

/**
 * Compares what a visitor's profile shows with the events that got a 2xx (`acked`) and those
 * that never did (`pending`: each may or may not have arrived). Returns how many acknowledged
 * events are missing (`lost`) and how many were counted more than once (`double`).
 * @example reconcile(profile, acked, []) // { lost: 0, double: 0 }
 */
export function reconcile(profile, acked, pending) {
  const want = expectedCounts(acked);
  const maybe = expectedCounts(pending);
  const have = profileCounts(profile);
  let lost = 0;
  let double = 0;
  for (const key of ["pages", "products", "carts"]) {
    lost += Math.max(0, want[key] - have[key]);
    double += Math.max(0, have[key] - want[key] - maybe[key]);
  }
  // Purchases: with each order counted once, the revenue is the bit mask of the counted ones.
  if (have.orders === popcount(have.revenue)) {
    lost += popcount(want.revenue & ~have.revenue);
    double += popcount(have.revenue & ~(want.revenue | maybe.revenue));
  } else {
    lost += Math.max(0, want.orders - have.orders);
    double += Math.max(1, have.orders - want.orders - maybe.orders);
  }
  return { lost, double };
}

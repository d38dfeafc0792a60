// The simulator's HTTP client for the v1 contract: decide and collect with a per-request
// timeout, one retry on a network error or 5xx (safe: event ids make ingestion idempotent),
// and counters for the summary.
import { BROWSER_UA } from "./catalog.mjs";

const TIMEOUT_MS = 20_000;
const SAMPLES_KEPT = 5;

/** @param {{ base: string, site: string, token?: string }} options */
export function createClient({ base, site, token }) {
  const stats = { requests: 0, decide: 0, collect: 0, orders: 0, errors: 0, retries: 0, statuses: {}, accepted: 0, duplicates: 0, ignored: 0, errorSamples: [] };

  const fail = (what) => {
    stats.errors++;
    if (stats.errorSamples.length < SAMPLES_KEPT) stats.errorSamples.push(what);
  };

  async function post(path, body, userAgent, headers = {}) {
    for (let attempt = 0; ; attempt++) {
      stats.requests++;
      let status = "network";
      try {
        const res = await fetch(base + path, {
          method: "POST",
          body: JSON.stringify(body),
          headers: { "content-type": "application/json", "user-agent": userAgent ?? BROWSER_UA, ...headers },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        status = res.status;
        stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
        const text = await res.text();
        if (res.ok) return JSON.parse(text);
        if (res.status < 500 || attempt > 0) {
          fail(`POST ${path} → ${res.status}: ${text.slice(0, 300)}`);
          return null;
        }
      } catch (error) {
        if (attempt > 0) {
          stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
          fail(`POST ${path} → ${status}: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        }
      }
      stats.retries++;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  return {
    stats,
    async health() {
      try {
        const res = await fetch(`${base}/v1/health`, { signal: AbortSignal.timeout(5_000) });
        if (!res.ok) throw new Error(`status ${res.status}`);
      } catch (error) {
        throw new Error(`vitrine simulate: no worker answers ${base}/v1/health (${error instanceof Error ? error.message : error}); start one with \`npm start\` or leave out --url`, { cause: error });
      }
    },
    /** POST /v1/decide; the Decision, or null on failure (counted). */
    async decide(visitor, events, { url, products, userAgent } = {}) {
      stats.decide++;
      const body = { site, visitor, events };
      if (url) body.url = url;
      if (products) body.products = products;
      return post("/v1/decide", body, userAgent);
    },
    /** POST /v1/collect; `{accepted, duplicates}`, or null on failure (counted). */
    async collect(visitor, events, { userAgent } = {}) {
      stats.collect++;
      const res = await post("/v1/collect", { site, visitor, events }, userAgent);
      if (res) {
        stats.accepted += res.accepted ?? 0;
        stats.duplicates += res.duplicates ?? 0;
        stats.ignored += res.ignored ?? 0;
      }
      return res;
    },
    /** POST /v1/sites/:site/orders: orders as the shop's backend reports them (admin token). */
    async orders(orders) {
      stats.orders++;
      return post(`/v1/sites/${site}/orders`, { orders }, undefined, { authorization: `Bearer ${token}` });
    },
  };
}

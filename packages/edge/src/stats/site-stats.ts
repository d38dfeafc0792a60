import { DurableObject } from "cloudflare:workers";
import { emptySiteStatsState, recordOrder, siteStats, sketchRemove, type SiteStatsState } from "@vitrine/shared";
import type { SiteStats as SiteStatsFigures } from "@vitrine/shared/schema";
import type { Env } from "../env";
import type { NewOrders } from "../profile/visitor-profile";

/**
 * One site's order statistics: quantile sketches of order values and of customers' 12-month
 * spend, from which the p90 thresholds of "big spender" and "VIP" come. Small and bounded.
 */
export class SiteStats extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS stats (k INTEGER PRIMARY KEY CHECK (k = 1), body TEXT NOT NULL)");
  }

  /** Adds one customer's new orders and returns the updated figures. */
  record(orders: NewOrders): SiteStatsFigures {
    let state = this.load();
    orders.totals.forEach((total, i) => {
      // The customer's spend moves once, with the first order of the batch.
      state = recordOrder(state, i === 0 ? { total, spendBefore: orders.spendBefore, spendAfter: orders.spendAfter } : { total, spendBefore: orders.spendAfter, spendAfter: orders.spendAfter });
    });
    this.sql.exec("INSERT OR REPLACE INTO stats (k, body) VALUES (1, ?)", JSON.stringify(state));
    return siteStats(state);
  }

  /** Takes a deleted customer's spend out of the spend figures. */
  forgetCustomer(spend: number): SiteStatsFigures {
    const state = this.load();
    const next = { ...state, spend: sketchRemove(state.spend, spend) };
    this.sql.exec("INSERT OR REPLACE INTO stats (k, body) VALUES (1, ?)", JSON.stringify(next));
    return siteStats(next);
  }

  figures(): SiteStatsFigures {
    return siteStats(this.load());
  }

  private load(): SiteStatsState {
    const row = this.sql.exec<{ body: string }>("SELECT body FROM stats WHERE k = 1").toArray()[0];
    return row ? (JSON.parse(row.body) as SiteStatsState) : emptySiteStatsState();
  }
}

/** How long an isolate reuses a site's figures when it recorded no order itself. */
export const STATS_CACHE_MS = 15_000;
const cache = new Map<string, { figures: SiteStatsFigures; expires: number }>();

/**
 * The site's statistics object.
 * @example await siteStatsStub(env, "demo").figures();
 */
export function siteStatsStub(env: Env, site: string) {
  return env.SITE_STATS.get(env.SITE_STATS.idFromName(site));
}

/**
 * The site's figures for classification: cached per isolate so the site's single object is not
 * asked on every decision.
 * @example const stats = await readSiteStats(env, "demo"); // stats.aovP90
 */
export async function readSiteStats(env: Env, site: string, now = Date.now()): Promise<SiteStatsFigures> {
  const hit = cache.get(site);
  if (hit && hit.expires > now) return hit.figures;
  const figures = await siteStatsStub(env, site).figures();
  cache.set(site, { figures, expires: now + STATS_CACHE_MS });
  return figures;
}

/**
 * Adds one customer's trusted orders to the site's figures and refreshes this isolate's copy.
 * @example const stats = await recordSiteOrders(env, "demo", { totals: [349], spendBefore: 0, spendAfter: 349 });
 */
export async function recordSiteOrders(env: Env, site: string, orders: NewOrders, now = Date.now()): Promise<SiteStatsFigures> {
  const figures = await siteStatsStub(env, site).record(orders);
  cache.set(site, { figures, expires: now + STATS_CACHE_MS });
  return figures;
}

/**
 * Takes an erased customer's spend out of the site's figures.
 * @example await forgetSiteCustomer(env, "demo", 1200);
 */
export async function forgetSiteCustomer(env: Env, site: string, spend: number, now = Date.now()): Promise<void> {
  if (spend <= 0) return;
  const figures = await siteStatsStub(env, site).forgetCustomer(spend);
  cache.set(site, { figures, expires: now + STATS_CACHE_MS });
}

import { DurableObject } from "cloudflare:workers";
import { emptySiteStatsState, recordOrder, replaceGaps, siteStats, sketchAdd, sketchRemove, type SiteStatsState } from "@vitrine/shared";
import { readSiteStatsState } from "@vitrine/shared/schema";
import type { SiteStats as SiteStatsFigures } from "@vitrine/shared/schema";
import type { Env } from "../env";

/**
 * A change one visitor makes to the site's figures: new trusted order totals, and their 12-month
 * spend moving from `spendBefore` to `spendAfter` (0 → x for a new customer, x → 0 when erased).
 */
export interface FigureChange {
  orders: number[];
  spendBefore: number;
  spendAfter: number;
  /** The customer's gaps between trusted orders, in days, as the figures held them and as they are now (absent: unchanged). */
  gapsBefore?: number[];
  gapsAfter?: number[];
}

/**
 * One site's order statistics: quantile sketches of order values and of customers' 12-month
 * spend, from which the p90 thresholds of "big spender" and "VIP" come. Small and bounded. Only
 * trusted orders reach it, through each visitor's outbox; `applied` remembers each visitor's last
 * change so a redelivery changes nothing.
 */
export class SiteStats extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS stats (k INTEGER PRIMARY KEY CHECK (k = 1), body TEXT NOT NULL)");
    this.sql.exec("CREATE TABLE IF NOT EXISTS applied (visitor TEXT PRIMARY KEY, seq INTEGER NOT NULL)");
  }

  /** Applies a visitor's pending changes in order, each once; answers the figures and the last change applied. */
  apply(visitor: string, changes: { seq: number; change: FigureChange }[]): { figures: SiteStatsFigures; applied: number } {
    let last = this.sql.exec<{ seq: number }>("SELECT seq FROM applied WHERE visitor = ?", visitor).toArray()[0]?.seq ?? 0;
    let state = this.load();
    for (const { seq, change } of changes) {
      if (seq <= last) continue;
      state = applyChange(state, change);
      last = seq;
    }
    this.ctx.storage.transactionSync(() => {
      this.sql.exec("INSERT OR REPLACE INTO stats (k, body) VALUES (1, ?)", JSON.stringify(state));
      this.sql.exec("INSERT OR REPLACE INTO applied (visitor, seq) VALUES (?, ?)", visitor, last);
    });
    return { figures: siteStats(state), applied: last };
  }

  figures(): SiteStatsFigures {
    return siteStats(this.load());
  }

  private load(): SiteStatsState {
    const row = this.sql.exec<{ body: string }>("SELECT body FROM stats WHERE k = 1").toArray()[0];
    return row ? readSiteStatsState(row.body) : emptySiteStatsState();
  }
}

/** One change: the orders' totals added, the customer's spend replaced (or removed at 0). */
function applyChange(state: SiteStatsState, change: FigureChange): SiteStatsState {
  let next = state;
  change.orders.forEach((total, i) => {
    next = i === 0 ? recordOrder(next, { total, spendBefore: change.spendBefore, spendAfter: change.spendAfter }) : recordOrder(next, { total, spendBefore: change.spendAfter, spendAfter: change.spendAfter });
  });
  if (change.orders.length === 0 && change.spendBefore !== change.spendAfter) {
    const without = change.spendBefore > 0 ? sketchRemove(next.spend, change.spendBefore) : next.spend;
    next = { ...next, spend: change.spendAfter > 0 ? sketchAdd(without, change.spendAfter) : without };
  }
  if (change.gapsBefore || change.gapsAfter) next = replaceGaps(next, change.gapsBefore ?? [], change.gapsAfter ?? []);
  return next;
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
 * Keeps this isolate's copy of a site's figures current after a delivery changed them.
 * @example rememberSiteStats("demo", figures);
 */
export function rememberSiteStats(site: string, figures: SiteStatsFigures, now = Date.now()): void {
  cache.set(site, { figures, expires: now + STATS_CACHE_MS });
}

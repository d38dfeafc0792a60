import type { ConversionSource } from "./catalog";
import { utcDay } from "./statements";

/**
 * What one arm adds up to, over its exposed visitors. Revenue is per visitor (a visitor's orders
 * after their exposure, summed first), so `revenueSumSq` is Σ Y² over visitors; `preSpend*` are
 * the CUPED sums with X = the visitor's spend before the exposure.
 */
export interface ArmSums {
  visitors: number;
  converters: number;
  orders: number;
  revenue: number;
  revenueSumSq: number;
  preSpend: number;
  preSpendSumSq: number;
  preSpendRevenue: number;
  addToCart: number;
}

/** One UTC day of an arm: what the day added (exposures that day, orders that day …) and the running totals at its end. */
export interface ArmDay {
  day: string;
  added: ArmSums;
  total: ArmSums;
}

/** One arm's totals and its day series, as `aggregateArms` answers them. */
export interface ArmAggregate {
  arm: string;
  totals: ArmSums;
  days: ArmDay[];
}

/** Longest day series returned; the totals always cover every day. */
export const MAX_SERIES_DAYS = 400;

const EXPOSED = `SELECT arm, day, COUNT(*) AS visitors, SUM(pre_spend) AS sum_x, SUM(pre_spend * pre_spend) AS sum_xx
FROM exposures WHERE site = ?1 AND experiment = ?2 GROUP BY arm, day`;

/**
 * Orders count for the arm the visitor was exposed in, only from the exposure on (defence in
 * depth: the producer already sends only those). Per visitor and day first, then a running total
 * per visitor, so each day adds Y_d² − Y_(d−1)² to Σ Y² and a visitor is a converter from their
 * first day with an order. A "trusted" experiment counts the shop's orders only; a "browser"
 * one counts every order it was sent.
 */
const CONVERTED = `WITH per_day AS (
  SELECT e.arm AS arm, e.visitor AS visitor, e.pre_spend AS x, strftime('%Y-%m-%d', c.ts / 1000, 'unixepoch') AS order_day,
         COUNT(*) AS orders, SUM(c.revenue) AS revenue
  FROM exposures e
  JOIN conversions c ON c.site = e.site AND c.experiment = e.experiment AND c.visitor = e.visitor AND c.ts >= e.ts
  WHERE e.site = ?1 AND e.experiment = ?2 AND (c.source = 'trusted' OR ?3 = 'browser')
  GROUP BY e.visitor, order_day
), running AS (
  SELECT arm, x, order_day AS day, orders, revenue,
         SUM(revenue) OVER (PARTITION BY visitor ORDER BY order_day) AS total,
         ROW_NUMBER() OVER (PARTITION BY visitor ORDER BY order_day) AS nth
  FROM per_day
)
SELECT arm, day, SUM(orders) AS orders, SUM(revenue) AS revenue, SUM(nth = 1) AS converters,
       SUM(total * total - (total - revenue) * (total - revenue)) AS sum_yy, SUM(x * revenue) AS sum_xy
FROM running GROUP BY arm, day`;

const CARTED = `SELECT e.arm AS arm, strftime('%Y-%m-%d', a.ts / 1000, 'unixepoch') AS cart_day, COUNT(*) AS add_to_cart
FROM exposures e
JOIN actions a ON a.site = e.site AND a.experiment = e.experiment AND a.visitor = e.visitor AND a.action = 'add_to_cart' AND a.ts >= e.ts
WHERE e.site = ?1 AND e.experiment = ?2 GROUP BY e.arm, cart_day`;

/** Column aliases never reuse a column name of the joined tables: SQLite resolves GROUP BY names to columns first. */
type Row = Record<string, number | string | null>;
const num = (value: number | string | null | undefined) => (typeof value === "number" ? value : Number(value ?? 0) || 0);

const zero = (): ArmSums => ({ visitors: 0, converters: 0, orders: 0, revenue: 0, revenueSumSq: 0, preSpend: 0, preSpendSumSq: 0, preSpendRevenue: 0, addToCart: 0 });

/** Every UTC day from `first` to `last`, inclusive. */
function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`), end = Date.parse(`${last}T00:00:00Z`); t <= end; t += 86_400_000) days.push(utcDay(t));
  return days;
}

/** The last MAX_SERIES_DAYS days, the first of them adding what the dropped days added, so the added sums still reach the totals. */
function keepLastDays(series: ArmDay[]): ArmDay[] {
  if (series.length <= MAX_SERIES_DAYS) return series;
  const kept = series.slice(-MAX_SERIES_DAYS);
  const first = kept[0]!;
  const before = series[series.length - MAX_SERIES_DAYS - 1]!.total;
  const added = { ...first.added };
  for (const key of Object.keys(added) as (keyof ArmSums)[]) added[key] += before[key];
  kept[0] = { ...first, added };
  return kept;
}

/**
 * Reads an experiment's per-arm sums from `RESULTS` in one batch (one consistent read): totals,
 * and for each UTC day from the first exposure to the last event what it added and the totals at
 * its end (the series keeps the last MAX_SERIES_DAYS days; the totals cover all).
 * Arms are returned in the order of `arms`, then any other arm found in the data.
 * @example const [control, b] = await aggregateArms(env.RESULTS, "demo", "hero-test", ["control", "b"], "trusted")
 */
export async function aggregateArms(db: D1Database, site: string, experiment: string, arms: readonly string[], source: ConversionSource): Promise<ArmAggregate[]> {
  const [exposed, converted, carted] = await db.batch<Row>([
    db.prepare(EXPOSED).bind(site, experiment),
    db.prepare(CONVERTED).bind(site, experiment, source),
    db.prepare(CARTED).bind(site, experiment),
  ]);
  /** arm → day → what that day added. */
  const added = new Map<string, Map<string, ArmSums>>();
  const allDays = new Set<string>();
  const at = (row: Row) => {
    const arm = String(row.arm);
    const day = String(row.day);
    allDays.add(day);
    let byDay = added.get(arm);
    if (!byDay) added.set(arm, (byDay = new Map()));
    let sums = byDay.get(day);
    if (!sums) byDay.set(day, (sums = zero()));
    return sums;
  };
  for (const row of exposed?.results ?? []) {
    const sums = at(row);
    sums.visitors += num(row.visitors);
    sums.preSpend += num(row.sum_x);
    sums.preSpendSumSq += num(row.sum_xx);
  }
  for (const row of converted?.results ?? []) {
    const sums = at(row);
    sums.orders += num(row.orders);
    sums.revenue += num(row.revenue);
    sums.converters += num(row.converters);
    sums.revenueSumSq += num(row.sum_yy);
    sums.preSpendRevenue += num(row.sum_xy);
  }
  for (const row of carted?.results ?? []) at({ ...row, day: row.cart_day ?? null }).addToCart += num(row.add_to_cart);

  const sorted = [...allDays].sort();
  const days = sorted.length ? daysBetween(sorted[0]!, sorted[sorted.length - 1]!) : [];
  const order = [...arms, ...[...added.keys()].filter((arm) => !arms.includes(arm)).sort()];
  return order.map((arm) => {
    const byDay = added.get(arm);
    const running = zero();
    const series: ArmDay[] = [];
    for (const day of days) {
      const today = byDay?.get(day) ?? zero();
      for (const key of Object.keys(running) as (keyof ArmSums)[]) running[key] += today[key];
      series.push({ day, added: today, total: { ...running } });
    }
    return { arm, totals: { ...running }, days: keepLastDays(series) };
  });
}

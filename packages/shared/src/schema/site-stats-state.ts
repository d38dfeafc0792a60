import * as z from "./zod";
import type { SiteStatsState } from "../logic/site-stats";
import { formatIssues } from "./issues";

const count = z.number().check(z.gte(0));

/** A stored quantile sketch (see logic/sketch.ts). */
const Sketch = z.object({
  v: z.literal(1),
  alpha: z.number().check(z.gt(0), z.lt(1)),
  zero: count,
  bins: z.record(z.string(), count),
  floor: z.optional(z.number()),
  count,
});

const State = z.object({ orders: Sketch, spend: Sketch, gaps: z.optional(Sketch) });

/**
 * A site's stored statistics, checked: a damaged record throws an Error naming where, instead of
 * feeding NaN thresholds to every visitor.
 * @example const state = readSiteStatsState(row.body);
 */
export function readSiteStatsState(json: string): SiteStatsState {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new Error(`vitrine: stored site statistics are not JSON (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  const parsed = State.safeParse(value);
  if (!parsed.success) {
    const first = formatIssues(parsed.error)[0];
    throw new Error(`vitrine: stored site statistics are invalid at ${first?.path}: ${first?.message}`);
  }
  return parsed.data as SiteStatsState;
}

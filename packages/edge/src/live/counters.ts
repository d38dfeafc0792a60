import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { createHll, hllAdd, hllCount, hllMerge } from "./hll";

const HOUR = 3_600_000;
/** Hours kept: a week, and a day of slack. */
const KEEP_HOURS = 8 * 24;
/** Distinct categories and countries remembered for the console's pickers. */
const MAX_SEEN = 500;
/** The segment name that stands for every visitor decided for. */
export const ALL_VISITORS = "*";

/** One decision as the counters take it. */
export interface LiveDecision {
  now: number;
  visitor: string;
  segments: readonly string[];
  /** What each part served: the hero, every slot, the sort. */
  served: readonly { part: string; rule: string; variant: string }[];
  categories: readonly string[];
  country?: string;
}

/** Counts over the last day and week. */
export interface Window {
  day: number;
  week: number;
}

export interface LiveSummary {
  visitors: Window;
  segments: Record<string, Window>;
  served: ({ part: string; rule: string; variant: string } & Window)[];
}

/**
 * One site's live numbers, kept as decisions are made: per hour, a HyperLogLog sketch of the
 * distinct visitors each segment held (written only when a sketch changes) and how often each
 * rule served each variant; plus the categories and countries seen, for the console's pickers.
 * Reading a day or a week merges 24 or 168 hourly sketches; nothing scans profiles.
 */
export class LiveCounters extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly sketches = new Map<string, Uint8Array>();
  private prunedHour = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS seen (hour INTEGER NOT NULL, segment TEXT NOT NULL, regs BLOB NOT NULL, PRIMARY KEY (hour, segment))");
    this.sql.exec("CREATE TABLE IF NOT EXISTS served (hour INTEGER NOT NULL, part TEXT NOT NULL, rule TEXT NOT NULL, variant TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (hour, part, rule, variant))");
    this.sql.exec("CREATE TABLE IF NOT EXISTS vocab (kind TEXT NOT NULL, value TEXT NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (kind, value))");
  }

  /**
   * Counts a batch of decisions (an isolate's last second of them) in one transaction. The batch is
   * added up in memory first, so it costs one statement per sketch that changed, per rule and
   * variant served and per category or country seen, instead of one for each in every decision.
   */
  recordBatch(inputs: readonly LiveDecision[]): void {
    try {
      const { changed, served, vocab, latest } = this.tally(inputs);
      this.ctx.storage.transactionSync(() => {
        for (const { hour, segment, regs } of changed) this.sql.exec("INSERT OR REPLACE INTO seen (hour, segment, regs) VALUES (?, ?, ?)", hour, segment, regs);
        for (const { hour, part, rule, variant, n } of served) {
          this.sql.exec("INSERT INTO served (hour, part, rule, variant, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hour, part, rule, variant) DO UPDATE SET n = n + excluded.n", hour, part, rule, variant, n);
        }
        for (const { kind, value, last } of vocab) {
          this.sql.exec("INSERT INTO vocab (kind, value, last) VALUES (?, ?, ?) ON CONFLICT (kind, value) DO UPDATE SET last = max(last, excluded.last)", kind, value, last);
        }
        // Only forward: a late batch from the hour before prunes nothing and keeps this hour's sketches.
        if (latest > this.prunedHour) this.prune(latest);
      });
    } catch (error) {
      // The sketches in memory may hold visitors of the batch that was not stored: read them again.
      this.sketches.clear();
      this.prunedHour = 0;
      throw error;
    }
  }

  /**
   * A batch added up in memory: the sketches it changed (updated in the kept copies), each rule and
   * variant served with how often, each category or country with when it was last seen, and the
   * latest hour.
   */
  private tally(inputs: readonly LiveDecision[]) {
    const changed = new Map<string, { hour: number; segment: string; regs: Uint8Array }>();
    const served = new Map<string, { hour: number; part: string; rule: string; variant: string; n: number }>();
    const vocab = new Map<string, { kind: string; value: string; last: number }>();
    let latest = -Infinity;
    for (const input of inputs) {
      const hour = Math.floor(input.now / HOUR);
      latest = Math.max(latest, hour);
      for (const segment of [ALL_VISITORS, ...input.segments]) {
        const regs = this.sketch(hour, segment);
        if (hllAdd(regs, input.visitor)) changed.set(`${hour}|${segment}`, { hour, segment, regs });
      }
      for (const { part, rule, variant } of input.served) {
        const key = [hour, part, rule, variant].join("\u0000");
        const row = served.get(key);
        if (row) row.n += 1;
        else served.set(key, { hour, part, rule, variant, n: 1 });
      }
      const seen = [...input.categories.map((value) => ["category", value] as const), ...(input.country ? [["country", input.country] as const] : [])];
      for (const [kind, value] of seen) {
        const key = `${kind}\u0000${value}`;
        vocab.set(key, { kind, value, last: Math.max(input.now, vocab.get(key)?.last ?? -Infinity) });
      }
    }
    return { changed: [...changed.values()], served: [...served.values()], vocab: [...vocab.values()], latest };
  }

  /** The sketch of `segment` in `hour`: read once, then kept in memory. */
  private sketch(hour: number, segment: string): Uint8Array {
    const key = `${hour}|${segment}`;
    let sketch = this.sketches.get(key);
    if (!sketch) {
      const row = this.sql.exec<{ regs: ArrayBuffer }>("SELECT regs FROM seen WHERE hour = ? AND segment = ?", hour, segment).toArray()[0];
      sketch = row ? new Uint8Array(row.regs) : createHll();
      this.sketches.set(key, sketch);
    }
    return sketch;
  }

  summary(now: number): LiveSummary {
    const hour = Math.floor(now / HOUR);
    const day = new Map<string, Uint8Array>();
    const week = new Map<string, Uint8Array>();
    for (const row of this.sql.exec<{ hour: number; segment: string; regs: ArrayBuffer }>("SELECT hour, segment, regs FROM seen WHERE hour > ?", hour - 168)) {
      const regs = new Uint8Array(row.regs);
      hllMerge(week.get(row.segment) ?? week.set(row.segment, createHll()).get(row.segment)!, regs);
      if (row.hour > hour - 24) hllMerge(day.get(row.segment) ?? day.set(row.segment, createHll()).get(row.segment)!, regs);
    }
    const count = (segment: string): Window => ({ day: day.has(segment) ? hllCount(day.get(segment)!) : 0, week: week.has(segment) ? hllCount(week.get(segment)!) : 0 });
    const segments: Record<string, Window> = {};
    for (const segment of week.keys()) if (segment !== ALL_VISITORS) segments[segment] = count(segment);
    const served = this.sql
      .exec<{ part: string; rule: string; variant: string; day: number; week: number }>(
        "SELECT part, rule, variant, SUM(CASE WHEN hour > ? THEN n ELSE 0 END) AS day, SUM(n) AS week FROM served WHERE hour > ? GROUP BY part, rule, variant ORDER BY part, week DESC",
        hour - 24,
        hour - 168,
      )
      .toArray();
    return { visitors: count(ALL_VISITORS), segments, served };
  }

  /** Categories and countries seen lately, most recent first. */
  seen(): { categories: string[]; countries: string[] } {
    const rows = this.sql.exec<{ kind: string; value: string }>("SELECT kind, value FROM vocab ORDER BY last DESC LIMIT ?", MAX_SEEN).toArray();
    return { categories: rows.filter((row) => row.kind === "category").map((row) => row.value), countries: rows.filter((row) => row.kind === "country").map((row) => row.value) };
  }

  private prune(hour: number): void {
    this.prunedHour = hour;
    this.sql.exec("DELETE FROM seen WHERE hour <= ?", hour - KEEP_HOURS);
    this.sql.exec("DELETE FROM served WHERE hour <= ?", hour - KEEP_HOURS);
    this.sql.exec("DELETE FROM vocab WHERE rowid NOT IN (SELECT rowid FROM vocab ORDER BY last DESC LIMIT ?)", MAX_SEEN);
    for (const key of this.sketches.keys()) if (Number(key.split("|")[0]) !== hour) this.sketches.delete(key);
  }
}

/**
 * The live counters of one site.
 * @example const summary = await liveStub(env, "demo").summary(Date.now());
 */
export function liveStub(env: Env, site: string) {
  return env.LIVE.get(env.LIVE.idFromName(site));
}

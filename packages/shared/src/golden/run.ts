/**
 * Runs golden cases: the same JSON drives this package's tests and the worker's HTTP tests.
 * Pure and free of any test runner, so each runner asserts on the mismatches it returns.
 */
import type { Event, ProductCard } from "../schema/event";
import type { SiteConfig, SortStrategy } from "../schema/config";
import type { Decision, Reason } from "../schema/decision";
import { foldEvents } from "../logic/fold";
import { classify } from "../logic/classify";
import { decide } from "../logic/decide";
import { emptySiteStatsState, recordOrder, siteStats, type SiteStatsState } from "../logic/site-stats";
import { withDefaults } from "../logic/settings";

/** An event as a case writes it: `at` minutes relative to now instead of `ts`; `id` optional. */
export type GoldenEvent = Omit<Event, "id" | "ts"> & { at: number; id?: string };

/** What a case expects; every field optional. `traits` is a deep partial compared like `toMatchObject`. */
export interface GoldenExpect {
  traits?: Record<string, unknown>;
  segmentsInclude?: string[];
  segmentsExclude?: string[];
  hero?: string;
  sort?: SortStrategy;
  skus?: string[];
  explainIncludes?: string[];
  /** Slot id → the variant it must show (null: nothing). */
  slots?: Record<string, string | null>;
  /** Deep partial reasons, as data: `{hero: {basis: "interest"}}`. */
  reasons?: { hero?: Partial<Reason>; sort?: Partial<Reason>; slots?: Record<string, Partial<Reason>> };
  /** The experiments and holdouts the visitor is enrolled in, with their arm. */
  experiments?: { id: string; arm: string }[];
}

/**
 * One scripted visitor and what the decision for them must show.
 * @example { "name": "first visit: new", "events": [{ "at": 0, "type": "page_view" }], "expect": { "traits": { "lifecycle": { "visit": "new" } } } }
 */
export interface GoldenCase {
  name: string;
  /** Other customers' order totals, one customer each, seeding the site statistics. */
  siteOrders?: number[];
  /** The request's geography. */
  context?: { country?: string; timezone?: string };
  events: GoldenEvent[];
  products?: ProductCard[];
  expect: GoldenExpect;
}

/**
 * The case's events with real timestamps (`now + at` minutes) and ids (`<case>-<event>` unless given).
 * @example materializeEvents({ name: "x", events: [{ at: -1, type: "page_view" }], expect: {} }, 1_700_000_000_000, 3)
 * // [{ id: "3-0", type: "page_view", ts: 1_699_999_940_000 }]
 */
export function materializeEvents(c: GoldenCase, now: number, caseIndex = 0): Event[] {
  return c.events.map(({ at, id, ...rest }, i) => ({ ...rest, id: id ?? `${caseIndex}-${i}`, ts: Math.round(now + at * 60_000) }) as Event);
}

/**
 * Site statistics seeded from `siteOrders` (one new customer per order) and, when asked, the
 * case's own purchases as one more customer.
 * @example siteStats(goldenSiteStats({ name: "x", siteOrders: [10, 20], events: [], expect: {} })).orders // 2
 */
export function goldenSiteStats(c: GoldenCase, options: { includeOwnOrders?: boolean } = {}): SiteStatsState {
  let state = (c.siteOrders ?? []).reduce((s, total) => recordOrder(s, { total, spendBefore: 0, spendAfter: total }), emptySiteStatsState());
  if (options.includeOwnOrders) {
    let spend = 0;
    for (const event of c.events) {
      if (event.type !== "purchase" || !event.order) continue;
      state = recordOrder(state, { total: event.order.total, spendBefore: spend, spendAfter: spend + event.order.total });
      spend += event.order.total;
    }
  }
  return state;
}

/**
 * The whole pipeline on one case: fold → classify → decide.
 * @example runGoldenCase(cases[0], config, Date.now(), 0).hero.variant
 */
export function runGoldenCase(c: GoldenCase, config: SiteConfig, now: number, caseIndex = 0, options: { includeOwnOrders?: boolean } = {}): Decision {
  const settings = withDefaults(config.settings);
  const ctx = { sessionMinutes: settings.sessionMinutes, interestHalfLifeDays: settings.interestHalfLifeDays, ...(c.context && { geo: c.context }) };
  const profile = foldEvents(null, materializeEvents(c, now, caseIndex), ctx);
  const traits = classify(profile, siteStats(goldenSiteStats(c, options)), now, settings);
  return decide({ visitor: `golden-${caseIndex}`, traits, config, ...(c.products && { products: c.products }) });
}

const show = (value: unknown) => JSON.stringify(value);

/**
 * Mismatches of `actual` against a deep partial `expected`, `toMatchObject` style: arrays match element by element and in length.
 * @example partialMismatches({ a: 1, b: 2 }, { a: 3 }, "traits") // ["traits.a: expected 3, got 1"]
 */
export function partialMismatches(actual: unknown, expected: unknown, path: string): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: expected ${show(expected)}, got ${show(actual)}`];
    return expected.flatMap((item, i) => partialMismatches(actual[i], item, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return [`${path}: expected ${show(expected)}, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) => partialMismatches((actual as Record<string, unknown>)[key], value, `${path}.${key}`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

/**
 * Everything in `decision` that differs from what the case expects, as readable lines
 * (empty when the case passes).
 * @example checkExpectations({ hero: "bluetooth" }, decision) // ['hero: expected "bluetooth", got "noise-canceling"']
 */
export function checkExpectations(expect: GoldenExpect, decision: Decision): string[] {
  const out: string[] = [];
  if (expect.traits) out.push(...partialMismatches(decision.traits, expect.traits, "traits"));
  for (const id of expect.segmentsInclude ?? []) if (!decision.segments.includes(id)) out.push(`segments: expected to include "${id}", got ${show(decision.segments)}`);
  for (const id of expect.segmentsExclude ?? []) if (decision.segments.includes(id)) out.push(`segments: expected not to include "${id}", got ${show(decision.segments)}`);
  if (expect.hero !== undefined && decision.hero.variant !== expect.hero) out.push(`hero: expected "${expect.hero}", got "${decision.hero.variant}" (rule "${decision.hero.rule}")`);
  if (expect.sort !== undefined && decision.sort.strategy !== expect.sort) out.push(`sort: expected "${expect.sort}", got "${decision.sort.strategy}" (rule "${decision.sort.rule}")`);
  if (expect.skus !== undefined && show(decision.sort.skus) !== show(expect.skus)) out.push(`skus: expected ${show(expect.skus)}, got ${show(decision.sort.skus)}`);
  const explain = decision.explain ?? [];
  for (const text of expect.explainIncludes ?? []) {
    if (!explain.some((line) => line.includes(text))) out.push(`explain: no line includes ${show(text)}; lines: ${show(explain)}`);
  }
  for (const [slot, variant] of Object.entries(expect.slots ?? {})) {
    const got = decision.slots?.[slot];
    const actual = got === undefined ? undefined : (got?.variant ?? null);
    if (actual !== variant) out.push(`slots.${slot}: expected ${show(variant)}, got ${show(actual)}`);
  }
  if (expect.reasons?.hero) out.push(...partialMismatches(decision.hero.reason, expect.reasons.hero, "hero.reason"));
  if (expect.reasons?.sort) out.push(...partialMismatches(decision.sort.reason, expect.reasons.sort, "sort.reason"));
  for (const [slot, reason] of Object.entries(expect.reasons?.slots ?? {})) out.push(...partialMismatches(decision.slots?.[slot]?.reason, reason, `slots.${slot}.reason`));
  if (expect.experiments) out.push(...partialMismatches(decision.experiments, expect.experiments, "experiments"));
  return out;
}

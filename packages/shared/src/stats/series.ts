import type { ArmInput, SeriesPoint } from "./analyze-types";
import { sequentialLooks, sequentialTau, type Look, type SequentialOptions, type SequentialResult } from "./sequential";

interface Running {
  visitors: number;
  converters: number;
  revenue: number;
}

/**
 * The sorted days that any arm reports.
 * @example allDays([{ days: [{ day: "2026-01-02" }] }, { days: [{ day: "2026-01-01" }] }]) // ["2026-01-01", "2026-01-02"]
 */
export function allDays(arms: readonly Pick<ArmInput, "days">[]): string[] {
  const days = new Set<string>();
  for (const arm of arms) for (const d of arm.days ?? []) days.add(d.day);
  return [...days].sort();
}

/**
 * An arm's running totals at the end of each of `days` (days it has no entry for add nothing).
 * @example cumulate({ days: [{ day: "d1", visitors: 10, converters: 1, revenue: 5 }, { day: "d2", visitors: 5, converters: 0, revenue: 0 }] }, ["d1", "d2"])[1] // { visitors: 15, converters: 1, revenue: 5 }
 */
export function cumulate(arm: Pick<ArmInput, "days">, days: readonly string[]): Running[] {
  const byDay = new Map<string, Running>();
  for (const d of arm.days ?? []) {
    const held = byDay.get(d.day) ?? { visitors: 0, converters: 0, revenue: 0 };
    byDay.set(d.day, { visitors: held.visitors + num(d.visitors), converters: held.converters + num(d.converters), revenue: held.revenue + finite(d.revenue) });
  }
  let total: Running = { visitors: 0, converters: 0, revenue: 0 };
  return days.map((day) => {
    const d = byDay.get(day);
    if (d) total = { visitors: total.visitors + d.visitors, converters: total.converters + d.converters, revenue: total.revenue + d.revenue };
    return total;
  });
}

/**
 * The sequential options for one look: τ = mde × the look's pooled conversion rate.
 * @example tauAt(0.1, 0.05)({ control: { visitors: 100, converters: 5 }, variant: { visitors: 100, converters: 5 } }) // { tau: 0.005, alpha: 0.05 }
 */
export function tauAt(mde: number, alpha: number): (look: Look) => SequentialOptions {
  return ({ control, variant }) => {
    const n = control.visitors + variant.visitors;
    return { tau: sequentialTau(n > 0 ? (control.converters + variant.converters) / n : 0, mde), alpha };
  };
}

/**
 * The cumulative-by-day series for charts and, per arm, the always-valid result over every
 * look: one look per day, then the arms' totals as the final look when they go beyond the days
 * (the totals are authoritative). Null for the control arm.
 * @example buildSeries(arms, 0, 0.1, 0.05).sequential[1]?.p // running-minimum p of arm 1 vs arm 0
 */
export function buildSeries(arms: readonly ArmInput[], control: number, mde: number, alpha: number): { series: SeriesPoint[]; sequential: (SequentialResult | null)[] } {
  const days = allDays(arms);
  const running = arms.map((arm) => cumulate(arm, days));
  const options = tauAt(mde, alpha);
  const sequential = arms.map((arm, i) => {
    if (i === control) return null;
    const looks: Look[] = days.map((_, d) => ({ control: running[control]![d]!, variant: running[i]![d]! }));
    const final: Look = { control: totals(arms[control]!), variant: totals(arm) };
    const last = looks.at(-1);
    if (!last || !sameCounts(last, final)) looks.push(final);
    return sequentialLooks(looks, options);
  });
  const series = days.map((day, d): SeriesPoint => {
    const c = running[control]![d]!;
    const controlRate = c.visitors > 0 ? c.converters / c.visitors : 0;
    return {
      day,
      arms: arms.map((arm, i) => {
        const r = running[i]![d]!;
        return { id: arm.id, visitors: r.visitors, converters: r.converters, rate: rate(r), revenuePerVisitor: r.visitors > 0 ? r.revenue / r.visitors : null };
      }),
      lifts: arms.flatMap((arm, i) => {
        if (i === control) return [];
        const s = sequential[i]![d]!;
        const relative = (x: number) => (controlRate > 0 ? x / controlRate : null);
        const absolute = rate(running[i]![d]!) - controlRate;
        return [{ arm: arm.id, absolute, relative: relative(absolute), low: s.low, high: s.high, relativeLow: relative(s.low), relativeHigh: relative(s.high), p: s.p }];
      }),
    };
  });
  return { series, sequential: sequential.map((s) => s?.at(-1) ?? null) };
}

function totals(arm: ArmInput) {
  return { visitors: num(arm.visitors), converters: num(arm.converters) };
}

function sameCounts(a: Look, b: Look): boolean {
  return a.control.visitors === b.control.visitors && a.control.converters === b.control.converters && a.variant.visitors === b.variant.visitors && a.variant.converters === b.variant.converters;
}

function rate(r: { visitors: number; converters: number }): number {
  return r.visitors > 0 ? r.converters / r.visitors : 0;
}

/**
 * A count as a usable number: non-finite or negative counts count as 0, so one bad row cannot
 * turn every figure into NaN.
 * @example num(Number.NaN) // 0
 */
export function num(x: number | undefined): number {
  return typeof x === "number" && Number.isFinite(x) && x > 0 ? x : 0;
}

/**
 * An amount as a usable number: non-finite amounts count as 0 (negative ones, refunds, stay).
 * @example finite(-12.5) // -12.5
 */
export function finite(x: number | undefined): number {
  return typeof x === "number" && Number.isFinite(x) ? x : 0;
}

import type { ArmAggregate } from "./aggregate";
import { toCsv, type Cell } from "./csv";
import type { ExperimentResults } from "./results";

/** The CSV's columns: one row per arm and UTC day, every figure cumulative to the end of that day. */
export const RESULTS_CSV_HEADER = [
  "experiment",
  "day",
  "arm",
  "control",
  "visitors",
  "converters",
  "conversion_rate",
  "orders",
  "revenue",
  "revenue_per_visitor",
  "add_to_cart",
  "lift_relative",
  "lift_relative_low",
  "lift_relative_high",
  "p_always_valid",
] as const;

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * An experiment's results as CSV (RFC 4180): a header row, then per day each arm's cumulative
 * figures and, for a variant, its lift over control with the always-valid 95% interval and p.
 * @example resultsCsv(results, aggregates).split("\r\n")[0] // "experiment,day,arm,control,visitors,…"
 */
export function resultsCsv(results: ExperimentResults, aggregates: readonly ArmAggregate[]): string {
  const series = new Map(results.series.map((point) => [point.day, point]));
  const rows: Cell[][] = [];
  const days = aggregates[0]?.days.map((d) => d.day) ?? [];
  days.forEach((day, d) => {
    aggregates.forEach((aggregate, a) => {
      const arm = results.arms[a];
      const t = aggregate.days[d]!.total;
      const lift = series.get(day)?.lifts.find((l) => l.arm === aggregate.arm);
      rows.push([
        results.experiment.id,
        day,
        aggregate.arm,
        arm?.control ?? false,
        t.visitors,
        t.converters,
        ratio(t.converters, t.visitors),
        t.orders,
        t.revenue,
        ratio(t.revenue, t.visitors),
        t.addToCart,
        lift?.relative,
        lift?.relativeLow,
        lift?.relativeHigh,
        lift?.p,
      ]);
    });
  });
  return toCsv(RESULTS_CSV_HEADER, rows);
}

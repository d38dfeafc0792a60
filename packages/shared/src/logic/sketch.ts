/**
 * A quantile sketch in the style of DDSketch: values fall into logarithmic buckets whose
 * width bounds the relative error of every quantile by `alpha` (1%). Plain JSON, bounded
 * (`MAX_BINS`, collapsing the lowest buckets past it), mergeable by adding counts, and values
 * can be removed again, which keeps one spend figure per customer current.
 * @example sketchQuantile([120, 80, 300].reduce(sketchAdd, createSketch()), 0.9) // ≈ 120 (within 1%)
 */
export interface QuantileSketch {
  v: 1;
  /** Relative accuracy. */
  alpha: number;
  /** Values ≤ `MIN_VALUE` (free orders, zero spend). */
  zero: number;
  /** Bucket index → count; bucket i holds values in (γ^(i-1), γ^i]. */
  bins: Record<string, number>;
  /** Indexes below this were folded into it when the sketch hit `MAX_BINS`. */
  floor?: number;
  count: number;
}

const ALPHA = 0.01;
const MAX_BINS = 2048;
const MIN_VALUE = 1e-9;
const gammaOf = (alpha: number) => (1 + alpha) / (1 - alpha);

function indexOf(s: QuantileSketch, value: number): number {
  const i = Math.ceil(Math.log(value) / Math.log(gammaOf(s.alpha)));
  return s.floor !== undefined && i < s.floor ? s.floor : i;
}

const usable = (value: number) => typeof value === "number" && Number.isFinite(value);

/**
 * An empty sketch.
 * @example sketchCount(createSketch()) // 0
 */
export function createSketch(): QuantileSketch {
  return { v: 1, alpha: ALPHA, zero: 0, bins: {}, count: 0 };
}

/**
 * A copy with `value` added (negatives count as 0; NaN and infinities are ignored).
 * @example sketchQuantile(sketchAdd(createSketch(), 120), 0.9) // ≈ 120 (±1%)
 */
export function sketchAdd(s: QuantileSketch, value: number): QuantileSketch {
  if (!usable(value)) return s;
  if (value <= MIN_VALUE) return { ...s, zero: s.zero + 1, count: s.count + 1 };
  const key = String(indexOf(s, value));
  const next: QuantileSketch = { ...s, bins: { ...s.bins, [key]: (s.bins[key] ?? 0) + 1 }, count: s.count + 1 };
  return collapse(next);
}

/**
 * A copy with one occurrence of `value` removed; unchanged if its bucket is empty.
 * @example sketchCount(sketchRemove(sketchAdd(createSketch(), 5), 5)) // 0
 */
export function sketchRemove(s: QuantileSketch, value: number): QuantileSketch {
  if (!usable(value)) return s;
  if (value <= MIN_VALUE) return s.zero > 0 ? { ...s, zero: s.zero - 1, count: s.count - 1 } : s;
  const key = String(indexOf(s, value));
  const held = s.bins[key] ?? 0;
  if (held <= 0) return s;
  const bins = { ...s.bins };
  if (held === 1) delete bins[key];
  else bins[key] = held - 1;
  return { ...s, bins, count: s.count - 1 };
}

/**
 * The sum of two sketches of the same accuracy.
 * @example sketchCount(sketchMerge(a, b)) === sketchCount(a) + sketchCount(b) // true
 */
export function sketchMerge(a: QuantileSketch, b: QuantileSketch): QuantileSketch {
  if (a.alpha !== b.alpha) throw new Error(`vitrine: cannot merge sketches of accuracy ${a.alpha} and ${b.alpha}`);
  const floor = a.floor === undefined ? b.floor : b.floor === undefined ? a.floor : Math.max(a.floor, b.floor);
  const bins: Record<string, number> = {};
  for (const source of [a.bins, b.bins]) {
    for (const [key, n] of Object.entries(source)) {
      const index = floor !== undefined && Number(key) < floor ? String(floor) : key;
      bins[index] = (bins[index] ?? 0) + n;
    }
  }
  const merged: QuantileSketch = { v: 1, alpha: a.alpha, zero: a.zero + b.zero, bins, count: a.count + b.count };
  if (floor !== undefined) merged.floor = floor;
  return collapse(merged);
}

/** Folds the lowest buckets together once there are more than `MAX_BINS`: high quantiles stay exact to `alpha`. */
function collapse(s: QuantileSketch): QuantileSketch {
  const keys = Object.keys(s.bins);
  if (keys.length <= MAX_BINS) return s;
  const sorted = keys.map(Number).sort((x, y) => x - y);
  const floor = sorted[keys.length - MAX_BINS]!;
  const bins: Record<string, number> = {};
  for (const index of sorted) {
    const key = String(Math.max(index, floor));
    bins[key] = (bins[key] ?? 0) + s.bins[String(index)]!;
  }
  return { ...s, bins, floor };
}

/**
 * The value at quantile `q` (0..1), within `alpha` relative error of the sample at rank
 * ⌊q·(n−1)⌋; null when empty.
 * @example sketchQuantile(sketch, 0.9) // p90
 */
export function sketchQuantile(s: QuantileSketch, q: number): number | null {
  if (s.count <= 0 || !Number.isFinite(q)) return null;
  const rank = Math.floor(Math.min(1, Math.max(0, q)) * (s.count - 1));
  if (rank < s.zero) return 0;
  const gamma = gammaOf(s.alpha);
  let seen = s.zero;
  const sorted = Object.keys(s.bins)
    .map(Number)
    .sort((x, y) => x - y);
  for (const index of sorted) {
    seen += s.bins[String(index)]!;
    if (seen > rank) return (2 * gamma ** index) / (gamma + 1);
  }
  const last = sorted.at(-1);
  return last === undefined ? 0 : (2 * gamma ** last) / (gamma + 1);
}

/**
 * How many values the sketch holds.
 * @example sketchCount(sketchAdd(createSketch(), 1)) // 1
 */
export function sketchCount(s: QuantileSketch): number {
  return s.count;
}

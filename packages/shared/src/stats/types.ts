/** A point estimate with the ends of its interval. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

/** How many visitors an arm had and how many of them converted. */
export interface Proportion {
  visitors: number;
  converters: number;
}

/**
 * A per-visitor metric summarised without the raw values: how many visitors (`n`, zeros
 * included), the sum of their values and the sum of their squares.
 */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

/**
 * Per-arm sums for CUPED: Y is the metric after exposure (revenue), X the same visitor's
 * pre-exposure covariate (spend before the experiment), over the same `n` visitors.
 */
export interface CupedMoments {
  n: number;
  sumY: number;
  sumYSq: number;
  sumX: number;
  sumXSq: number;
  sumXY: number;
}

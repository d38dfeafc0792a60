import { logBeta } from "./beta";
import { normalCdf } from "./normal";
import type { Proportion } from "./types";

/** Past this many terms the exact sum gives way to a normal approximation (then exact to ~1e-6 anyway). */
const MAX_TERMS = 1_000_000;

/**
 * P(variant's true rate > control's) with uniform Beta(1, 1) priors, so the posteriors are
 * Beta(1 + converters, 1 + non-converters). Computed exactly with Evan Miller's closed form
 * ("Formulas for Bayesian A/B testing", 2015), a finite sum of Beta-function ratios in log-gamma
 * space; of its four equivalent forms the one with the fewest terms is used.
 * @example probabilityToBeat({ visitors: 1000, converters: 50 }, { visitors: 1000, converters: 65 }) // 0.92448…
 */
export function probabilityToBeat(control: Proportion, variant: Proportion): number {
  const [aA, bA] = posterior(control);
  const [aB, bB] = posterior(variant);
  const forms: [number, () => number][] = [
    [aB, () => missingSum(aA, bA, aB, bB)],
    [aA, () => 1 - missingSum(aB, bB, aA, bA)],
    [bA, () => missingSum(bB, aB, bA, aA)],
    [bB, () => 1 - missingSum(bA, aA, bB, aB)],
  ];
  forms.sort((x, y) => x[0] - y[0]);
  const [terms, compute] = forms[0]!;
  const p = terms <= MAX_TERMS ? compute() : normalApproximation(aA, bA, aB, bB);
  return Math.min(1, Math.max(0, p));
}

function posterior(arm: Proportion): [number, number] {
  const n = arm.visitors > 0 ? Math.round(arm.visitors) : 0;
  const x = Math.min(Math.max(Math.round(arm.converters), 0), n);
  return [1 + x, 1 + n - x];
}

/**
 * P(X2 > X1) for X1 ~ Beta(a1, b1), X2 ~ Beta(a2, b2), integer a2:
 * Σ_{i=0}^{a2-1} B(a1 + i, b1 + b2) / ((b2 + i) B(1 + i, b2) B(a1, b1)).
 */
function missingSum(a1: number, b1: number, a2: number, b2: number): number {
  const base = logBeta(a1, b1);
  let sum = 0;
  for (let i = 0; i < a2; i++) {
    sum += Math.exp(logBeta(a1 + i, b1 + b2) - Math.log(b2 + i) - logBeta(1 + i, b2) - base);
  }
  return sum;
}

function normalApproximation(aA: number, bA: number, aB: number, bB: number): number {
  const mean = (a: number, b: number) => a / (a + b);
  const variance = (a: number, b: number) => (a * b) / ((a + b) ** 2 * (a + b + 1));
  return normalCdf((mean(aB, bB) - mean(aA, bA)) / Math.sqrt(variance(aA, bA) + variance(aB, bB)));
}

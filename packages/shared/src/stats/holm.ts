/**
 * Holm's step-down adjustment (Holm 1979) of several p-values, returned in their input order:
 * the i-th smallest is multiplied by (m - i + 1), then made non-decreasing and capped at 1.
 * Controls the family-wise error rate for any dependence between the tests.
 * @example holm([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

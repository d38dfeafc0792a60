// Logistic regression for the intent calibration: Newton's method (IRLS) with a small ridge
// penalty, the rank AUC, and seeded k-fold cross-validation. Plain arrays, no dependencies.

/**
 * Solves `A x = b` for a small symmetric positive definite `A` (Gaussian elimination with
 * partial pivoting). `A` and `b` are copied, not changed.
 * @example solve([[2, 0], [0, 4]], [2, 4]) // [1, 1]
 */
export function solve(A, b) {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    const d = m[c][c];
    if (Math.abs(d) < 1e-12) throw new Error(`calibrate: singular system at column ${c}`);
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / d;
      if (f !== 0) for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/**
 * Fits `P(y) = σ(b0 + Σ w_j x_j)` by Newton's method. `l2` penalizes the weights (not the
 * intercept) so nearly collinear features stay finite; returns `[b0, w1, …]`.
 * @example fitLogistic([[0], [1], [2], [3]], [0, 0, 1, 1], { l2: 0.1 }) // [intercept, slope]
 */
export function fitLogistic(X, y, { l2 = 1, iterations = 50, tolerance = 1e-10 } = {}) {
  const p = X[0].length + 1;
  let beta = new Array(p).fill(0);
  for (let it = 0; it < iterations; it++) {
    const H = Array.from({ length: p }, () => new Array(p).fill(0));
    const g = new Array(p).fill(0);
    for (let i = 0; i < X.length; i++) {
      const x = [1, ...X[i]];
      const mu = sigmoid(x.reduce((s, v, j) => s + v * beta[j], 0));
      const w = Math.max(mu * (1 - mu), 1e-10);
      for (let a = 0; a < p; a++) {
        g[a] += (y[i] - mu) * x[a];
        for (let b = a; b < p; b++) H[a][b] += w * x[a] * x[b];
      }
    }
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < a; b++) H[a][b] = H[b][a];
      if (a > 0) {
        H[a][a] += l2;
        g[a] -= l2 * beta[a];
      }
    }
    const step = solve(H, g);
    beta = beta.map((v, j) => v + step[j]);
    if (step.reduce((s, v) => s + v * v, 0) < tolerance) break;
  }
  return beta;
}

/**
 * `fitLogistic` with some weights held at ≥ 0 (indices into a row): fits, drops the columns whose
 * held weight came out negative (their weight is 0), and refits until none is negative. That is
 * how a curve made of ramps stays non-decreasing.
 * @example fitMonotone(X, y, { l2: 1, nonNegative: [0, 1, 2] })
 */
export function fitMonotone(X, y, { l2 = 1, nonNegative = [] } = {}) {
  let kept = X[0].map((_, j) => j);
  for (;;) {
    const beta = fitLogistic(X.map((row) => kept.map((j) => row[j])), y, { l2 });
    const full = new Array(X[0].length + 1).fill(0);
    full[0] = beta[0];
    kept.forEach((j, k) => (full[j + 1] = beta[k + 1]));
    const negative = nonNegative.filter((j) => kept.includes(j) && full[j + 1] < 0);
    if (negative.length === 0) return full;
    kept = kept.filter((j) => !negative.includes(j));
  }
}

/**
 * The model's log-odds for one row.
 * @example logOdds([-1, 2], [0.5]) // 0
 */
export const logOdds = (beta, x) => x.reduce((s, v, j) => s + v * beta[j + 1], beta[0]);

/**
 * Area under the ROC curve: the chance a random positive outscores a random negative, ties
 * counting half (Mann-Whitney with mid-ranks).
 * @example auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // 0.75
 */
export function auc(scores, labels) {
  const order = scores.map((s, i) => [s, labels[i]]).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k][1]) (rankSum += midRank), positives++;
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Stratified k-fold assignment, shuffled with `rng`: each fold holds about the same share of
 * positives. Returns the fold number of each row.
 * @example kFolds([0, 1, 0, 1], 2, createRng(1)) // e.g. [0, 1, 1, 0]
 */
export function kFolds(labels, k, rng) {
  const fold = new Array(labels.length);
  for (const cls of [0, 1]) {
    const rows = labels.map((y, i) => [y, i]).filter(([y]) => Number(y) === cls).map(([, i]) => i);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    rows.forEach((row, n) => (fold[row] = n % k));
  }
  return fold;
}

/**
 * Cross-validated AUC: fits (as `fitMonotone`) on k-1 folds, scores the held-out one, and pools
 * the held-out scores; also the mean and spread of the per-fold AUCs.
 * @example crossValidate(X, y, { k: 10, rng: createRng(1), l2: 1 }) // { pooled, mean, sd, folds }
 */
export function crossValidate(X, y, { k = 10, rng, l2 = 1, nonNegative = [], score = logOdds } = {}) {
  const fold = kFolds(y, k, rng);
  const held = new Array(y.length);
  const folds = [];
  for (let f = 0; f < k; f++) {
    const train = y.map((_, i) => i).filter((i) => fold[i] !== f);
    const test = y.map((_, i) => i).filter((i) => fold[i] === f);
    const beta = fitMonotone(train.map((i) => X[i]), train.map((i) => y[i]), { l2, nonNegative });
    for (const i of test) held[i] = score(beta, X[i]);
    folds.push(auc(test.map((i) => held[i]), test.map((i) => y[i])));
  }
  const mean = folds.reduce((s, v) => s + v, 0) / k;
  const sd = Math.sqrt(folds.reduce((s, v) => s + (v - mean) ** 2, 0) / (k - 1));
  return { pooled: auc(held, y), mean, sd, folds };
}

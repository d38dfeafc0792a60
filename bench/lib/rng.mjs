// A seeded PRNG (mulberry32) with the few draws the simulator and the bench bodies need, so a
// run with the same seed sends the same traffic.

/**
 * @example const rng = createRng(42); rng.int(1, 6) // the same number on every run
 */
export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [min, max], both included. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** One key of `weights` ({ key: weight }), drawn in proportion to its weight. */
    weighted(weights) {
      const entries = Object.entries(weights);
      let r = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, w] of entries) if ((r -= w) < 0) return key;
      return entries.at(-1)[0];
    },
    /** A fresh generator derived from this one and `salt`, for independent streams. */
    fork: (salt) => createRng(Math.imul((a ^ salt) >>> 0, 2654435761) ^ salt),
  };
}

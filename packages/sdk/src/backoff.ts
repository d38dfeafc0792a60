/**
 * Milliseconds to wait before retry number `n` (0-based): doubling from 1 s up to a minute,
 * with jitter so tabs that went offline together do not retry together.
 * @example backoff(0, 1) // 1000
 */
export const backoff = (n: number, r = Math.random()): number => Math.min(6e4, 1e3 * 2 ** n) * (0.5 + r / 2);

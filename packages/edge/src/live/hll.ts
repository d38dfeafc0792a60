import { fnv1a32 } from "@vitrine/shared";

/** 2^10 registers: about 3% standard error, 1 KB per sketch; small counts are near exact. */
const P = 10;
const M = 1 << P;

/** MurmurHash3's finalizer: spreads FNV-1a's bits so every register is equally likely. */
function mix(hash: number): number {
  let h = hash >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * An empty HyperLogLog sketch (distinct count in constant space; two sketches merge exactly).
 * @example const sketch = createHll(); hllAdd(sketch, "v_123"); hllCount(sketch) // 1
 */
export const createHll = () => new Uint8Array(M);

/**
 * Adds a value; true when the sketch changed (only then does it need storing again, which
 * becomes rare as a sketch fills).
 * @example if (hllAdd(sketch, visitor)) save(sketch);
 */
export function hllAdd(sketch: Uint8Array, value: string): boolean {
  const hash = mix(fnv1a32(value));
  const index = hash >>> (32 - P);
  const rest = (hash << P) >>> 0;
  const rank = rest === 0 ? 32 - P + 1 : Math.clz32(rest) + 1;
  if (rank <= sketch[index]!) return false;
  sketch[index] = rank;
  return true;
}

/**
 * Merges `from` into `into` (the union of what both counted).
 * @example const week = hours.reduce((all, hour) => hllMerge(all, hour), createHll());
 */
export function hllMerge(into: Uint8Array, from: Uint8Array): Uint8Array {
  for (let i = 0; i < M; i++) if (from[i]! > into[i]!) into[i] = from[i]!;
  return into;
}

/**
 * The estimated number of distinct values (linear counting while the sketch is sparse).
 * @example hllCount(sketch) // 1234
 */
export function hllCount(sketch: Uint8Array): number {
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < M; i++) {
    sum += 2 ** -sketch[i]!;
    if (sketch[i] === 0) zeros++;
  }
  const alpha = 0.7213 / (1 + 1.079 / M);
  const raw = (alpha * M * M) / sum;
  if (raw <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
  const two32 = 2 ** 32;
  if (raw > two32 / 30) return Math.round(-two32 * Math.log(1 - raw / two32));
  return Math.round(raw);
}

/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of `input`: a stable, dependency-free hash for
 * bucketing visitors into experiment arms (the same input gives the same number everywhere).
 * @example fnv1a32("exp-1:visitor-abc") % 100 // a bucket 0-99, stable across runs and runtimes
 */
export function fnv1a32(input: string): number {
  const bytes = new TextEncoder().encode(input);
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

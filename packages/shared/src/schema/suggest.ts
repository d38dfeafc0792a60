/** Separates the per-key parts of an unknown-keys message, so issues can name each key's path. */
export const KEY_MESSAGE_SEPARATOR = "; ";

/** Edit distance (insert, delete, substitute), small strings only. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * The known key a misspelt one most likely meant: same letters in another case, or within a
 * third of its length in edits; undefined when none is close.
 * @example closestKey("fallbackAOVP90", ["fallbackAovP90", "ttl"]) // "fallbackAovP90"
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/**
 * One part per unknown key, joined by KEY_MESSAGE_SEPARATOR.
 * @example unknownKeysMessage(["fallbackAOVP90"], ["fallbackAovP90"]) // 'unknown key "fallbackAOVP90" (did you mean "fallbackAovP90"?)'
 */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  return keys
    .map((key) => {
      const near = closestKey(key, known);
      return `unknown key ${JSON.stringify(key)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ""}`;
    })
    .join(KEY_MESSAGE_SEPARATOR);
}

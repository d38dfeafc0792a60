/**
 * A count with its noun, singular for exactly one.
 * @example plural(3, "session") // "3 sessions"
 * @example plural(1, "product page") // "1 product page"
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

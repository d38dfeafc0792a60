/**
 * The value kept by `key` in `cache`, made by `make` the first time. For what is dear to make and
 * cheap to keep: an Intl formatter (building one loads locale data, tens of microseconds; using
 * one takes a microsecond or two), or a string such a formatter wrote. When the cache holds `max`,
 * the value made longest ago goes, so keys a request can choose (a time zone, a currency, an
 * amount) can neither grow it without bound nor push out everyone else's at once. A `make` that
 * throws keeps nothing.
 * @example const format = memo(byCurrency, "EUR", () => new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }))
 */
export function memo<T>(cache: Map<string, T>, key: string, make: () => T, max = 64): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
  }
  return value;
}

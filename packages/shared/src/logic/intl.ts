/**
 * An Intl formatter kept by `key` in `cache`: building one costs tens of microseconds (it loads
 * locale data), using one a microsecond or two. When the cache holds `max`, the formatter built
 * longest ago goes, so keys a request can choose (a time zone, a currency) can neither grow it
 * without bound nor push out everyone else's at once.
 * @example const format = cachedFormat(byCurrency, "EUR", () => new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }))
 */
export function cachedFormat<T>(cache: Map<string, T>, key: string, make: () => T, max = 64): T {
  let format = cache.get(key);
  if (format === undefined) {
    format = make();
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    cache.set(key, format);
  }
  return format;
}

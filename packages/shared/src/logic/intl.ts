/**
 * An Intl formatter kept by `key` in `cache`: building one costs tens of microseconds (it loads
 * locale data), using one a microsecond or two. The cache is emptied when it holds `max`, so
 * keys a request can choose (a time zone, a currency) cannot grow it without bound.
 * @example const format = cachedFormat(byCurrency, "EUR", () => new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }))
 */
export function cachedFormat<T>(cache: Map<string, T>, key: string, make: () => T, max = 64): T {
  let format = cache.get(key);
  if (format === undefined) {
    format = make();
    if (cache.size >= max) cache.clear();
    cache.set(key, format);
  }
  return format;
}

/** Where the origin's own Cache-Control waits while a stored copy carries the worker's. */
const ORIGINAL = "x-vitrine-origin-cache-control";

/** Cache-Control directives, lowercased: `{ "max-age": "60", public: "" }`. */
function directives(header: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? "").split(",")) {
    const [name, value = ""] = part.split("=");
    if (name?.trim()) map.set(name.trim().toLowerCase(), value.trim().replace(/^"|"$/g, ""));
  }
  return map;
}

/**
 * How long the worker may keep an origin page in its shared cache, in seconds (0: not at all). Only
 * a whole 200 page the origin lets shared caches keep, for a request without credentials: a
 * `s-maxage` or `max-age` and none of `private`, `no-store`, `no-cache`; no `Set-Cookie`; no
 * `Vary` beyond `Accept-Encoding`. Never longer than the origin says, nor than `maxSeconds`.
 * @example sharedSeconds(request, new Response("…", { headers: { "cache-control": "public, max-age=600" } }), 60) // 60
 */
export function sharedSeconds(request: Request, response: Response, maxSeconds: number): number {
  if (maxSeconds <= 0 || response.status !== 200 || request.headers.has("authorization")) return 0;
  if (response.headers.has("set-cookie")) return 0;
  const vary = (response.headers.get("vary") ?? "").split(",").map((v) => v.trim().toLowerCase()).filter(Boolean);
  if (vary.some((v) => v !== "accept-encoding")) return 0;
  const cc = directives(response.headers.get("cache-control"));
  if (cc.has("private") || cc.has("no-store") || cc.has("no-cache")) return 0;
  const allowed = Number(cc.get("s-maxage") ?? cc.get("max-age") ?? "0");
  const age = Number(response.headers.get("age") ?? "0");
  const left = Math.floor((Number.isFinite(allowed) ? allowed : 0) - (Number.isFinite(age) ? age : 0));
  return Math.max(0, Math.min(left, maxSeconds));
}

/** The cache key of an origin page: its URL on the origin, GET. */
const keyOf = (originUrl: string) => new Request(originUrl, { method: "GET" });

/**
 * A stored copy of an origin page, with the origin's own Cache-Control back in place; undefined
 * on a miss.
 * @example const hit = await cachedPage("https://origin.shop.example/c/mens/");
 */
export async function cachedPage(originUrl: string): Promise<Response | undefined> {
  const hit = await caches.default.match(keyOf(originUrl));
  if (!hit) return undefined;
  const headers = new Headers(hit.headers);
  const original = headers.get(ORIGINAL);
  headers.delete(ORIGINAL);
  if (original) headers.set("cache-control", original);
  else headers.delete("cache-control");
  return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers });
}

/**
 * Stores an origin page for `seconds` while it streams on: the body is split in two, one half goes
 * to the cache (in the background, through `waitUntil`), the other is returned to be served.
 * @example response = keepPage(ctx, originUrl, response, 60);
 */
export function keepPage(ctx: { waitUntil(promise: Promise<unknown>): void } | undefined, originUrl: string, response: Response, seconds: number): Response {
  if (!ctx || !response.body || seconds <= 0) return response;
  const [served, stored] = response.body.tee();
  const headers = new Headers(response.headers);
  headers.set(ORIGINAL, response.headers.get("cache-control") ?? "");
  headers.set("cache-control", `public, max-age=${seconds}`);
  const put = caches.default.put(keyOf(originUrl), new Response(stored, { status: response.status, statusText: response.statusText, headers }));
  ctx.waitUntil(
    put.catch((error: unknown) => console.error(JSON.stringify({ level: "error", msg: "proxy: origin page not cached", url: originUrl, error: String(error) }))),
  );
  return new Response(served, response);
}

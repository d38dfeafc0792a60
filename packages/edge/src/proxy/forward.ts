import { originCookies } from "./cookies";

/** Headers that describe one hop, never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"];

/**
 * The request the origin gets: same method, path, query, headers and body; the shop's cookies
 * without the worker's own; `X-Forwarded-Host` / `-Proto` naming the public host. `redirect:
 * "manual"` so the browser sees the origin's redirects itself. `personal` drops conditional
 * headers: a personalized page must come back whole (the browser's validators belong to another
 * version of it).
 * @example const res = await fetch(originRequest(c.req.raw, "https://origin.shop.example", { personal: true }));
 */
export function originRequest(request: Request, origin: string, options: { personal: boolean }): Request {
  const url = new URL(request.url);
  const target = new URL(url.pathname + url.search, origin);
  const headers = new Headers(request.headers);
  for (const name of HOP_BY_HOP) headers.delete(name);
  const cookie = originCookies(headers.get("cookie"));
  if (cookie === null) headers.delete("cookie");
  else headers.set("cookie", cookie);
  headers.set("x-forwarded-host", url.host);
  headers.set("x-forwarded-proto", url.protocol.slice(0, -1));
  if (options.personal) {
    headers.delete("if-none-match");
    headers.delete("if-modified-since");
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(target, { method: request.method, headers, body: hasBody ? request.body : null, redirect: "manual" });
}

/**
 * The origin's answer as the browser should get it: a `Location` on the origin's own host is moved
 * to the public one, and a `Set-Cookie` scoped to the origin's domain is scoped to the shop's
 * instead (the origin's cookies must reach the browser and come back). Everything else — status,
 * other headers, the body — is kept; the body is not read.
 * @example return fromOrigin(await fetch(req), "https://origin.shop.example", new URL(c.req.url));
 */
export function fromOrigin(response: Response, origin: string, publicUrl: URL): Response {
  const originUrl = new URL(origin);
  if (originUrl.host === publicUrl.host) return response;
  const location = response.headers.get("location");
  const cookies = response.headers.getAll("set-cookie");
  const movesHost = location !== null && sameHost(location, originUrl);
  const scoped = cookies.some((cookie) => domainOf(cookie) === originUrl.hostname);
  if (!movesHost && !scoped) return response;
  const headers = new Headers(response.headers);
  if (movesHost) {
    const moved = new URL(location!, originUrl);
    moved.protocol = publicUrl.protocol;
    moved.host = publicUrl.host;
    headers.set("location", moved.toString());
  }
  if (scoped) {
    headers.delete("set-cookie");
    for (const cookie of cookies) headers.append("set-cookie", domainOf(cookie) === originUrl.hostname ? withoutDomain(cookie) : cookie);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function sameHost(location: string, origin: URL): boolean {
  try {
    return new URL(location, origin).host === origin.host && /^[a-z][a-z0-9+.-]*:|^\/\//i.test(location);
  } catch {
    return false;
  }
}

/** The `Domain` attribute of a Set-Cookie value, lowercased and without a leading dot. */
function domainOf(cookie: string): string | null {
  const match = /;\s*domain=\.?([^;]+)/i.exec(cookie);
  return match ? match[1]!.trim().toLowerCase() : null;
}

const withoutDomain = (cookie: string) => cookie.replace(/;\s*domain=[^;]*/i, "");

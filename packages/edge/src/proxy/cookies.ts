import { isLoopbackHost } from "@vitrine/shared/schema";
import { VISITOR_ID } from "@vitrine/shared/limits";

/** The first-party visitor id the worker sets on the shop's own domain. */
export const VISITOR_COOKIE = "vt_id";
/** `1` once the visitor agreed to be recorded, `0` once they withdrew: what the worker reads in consent mode. */
export const CONSENT_COOKIE = "vt_consent";
/** Browsers cap cookie lifetimes at 400 days; a server-set cookie may live that long (script-written ones get 7 days in Safari). */
export const COOKIE_MAX_AGE = 400 * 86_400;

const OWN = new Set([VISITOR_COOKIE, CONSENT_COOKIE]);

/**
 * The cookies of a `Cookie` header, by name (the first of a repeated name wins, as in browsers).
 * @example readCookies("a=1; vt_id=abc").get("vt_id") // "abc"
 */
export function readCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/**
 * The visitor id in the cookie, when it is one the API accepts.
 * @example cookieVisitor(readCookies("vt_id=Zx8kR2v0Yq3LmN5pT7wA1c")) // "Zx8kR2v0Yq3LmN5pT7wA1c"
 */
export function cookieVisitor(cookies: Map<string, string>): string | null {
  const id = cookies.get(VISITOR_COOKIE);
  return id !== undefined && VISITOR_ID.test(id) ? id : null;
}

/**
 * A new visitor id: 16 random bytes, base64url (22 characters), as the snippet makes them.
 * @example newVisitorId().length // 22
 */
export function newVisitorId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * `Secure` everywhere except plain http on this machine (`demo.localhost`, `127.0.0.1`), where
 * browsers would refuse or drop a Secure cookie set over http and the local demo must still work.
 */
const secure = (url: URL) => url.protocol === "https:" || !isLoopbackHost(url.hostname);

/**
 * A `Set-Cookie` value for one of the worker's cookies: HttpOnly, SameSite=Lax, Path=/, Secure
 * (see above), for 400 days; `null` expires it.
 * @example setCookie(VISITOR_COOKIE, "Zx8kR2v0Yq3LmN5pT7wA1c", new URL("https://shop.example/"))
 * // "vt_id=Zx8kR2v0Yq3LmN5pT7wA1c; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax; Secure"
 */
export function setCookie(name: string, value: string | null, url: URL): string {
  const age = value === null ? 0 : COOKIE_MAX_AGE;
  return `${name}=${value ?? ""}; Path=/; Max-Age=${age}; HttpOnly; SameSite=Lax${secure(url) ? "; Secure" : ""}`;
}

/**
 * The `Cookie` header the origin gets: the shop's own cookies, without the worker's. Null when
 * nothing is left.
 * @example originCookies("session=1; vt_id=abc") // "session=1"
 */
export function originCookies(header: string | null): string | null {
  if (header === null) return null;
  const kept = header
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "" && !OWN.has(part.slice(0, Math.max(0, part.indexOf("="))).trim()));
  return kept.length > 0 ? kept.join("; ") : null;
}

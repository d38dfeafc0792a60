import type { SiteConfig } from "@vitrine/shared/schema";
import type { VisitorContext } from "../http/visitor-context";
import { CONSENT_COOKIE, cookieVisitor, newVisitorId, readCookies } from "./cookies";

/**
 * Who a page is for, as the client mode's snippet would see it:
 * - `track`: decide and record as usual (`fresh`: the id is new and the cookie must be set);
 * - `bot`: the default content, nothing recorded, no cookie (the decide route's bot answer);
 * - `gpc`: Global Privacy Control — nothing decided, recorded or set (the snippet stays idle);
 * - `withdrawn`: the visitor withdrew consent (`vt_consent=0`) — as `gpc`;
 * - `awaiting`: the site needs consent first and has none yet — as `gpc` until the page records it.
 */
export type PageVisitor =
  | { kind: "track"; visitor: string; fresh: boolean }
  | { kind: "bot" | "gpc" | "withdrawn" | "awaiting"; visitor: null };

/**
 * Reads the visitor of a page request from its cookies, and `who` (`visitorContext`: bot, GPC).
 * @example pageVisitor(request, config, visitorContext(c, config.settings)).kind // "track"
 */
export function pageVisitor(request: Request, config: SiteConfig & { proxy: NonNullable<SiteConfig["proxy"]> }, who: Pick<VisitorContext, "bot" | "gpc">): PageVisitor {
  if (who.bot) return { kind: "bot", visitor: null };
  if (who.gpc) return { kind: "gpc", visitor: null };
  const cookies = readCookies(request.headers.get("cookie"));
  const consent = cookies.get(CONSENT_COOKIE);
  if (consent === "0") return { kind: "withdrawn", visitor: null };
  if (config.proxy.consent === "required" && consent !== "1") return { kind: "awaiting", visitor: null };
  const known = cookieVisitor(cookies);
  return known ? { kind: "track", visitor: known, fresh: false } : { kind: "track", visitor: newVisitorId(), fresh: true };
}

/**
 * True for requests a browser makes to show a page (a navigation), the only ones personalized:
 * `Sec-Fetch-Dest: document` (or `iframe`), or, from clients that do not send it, an `Accept`
 * that asks for HTML. Fetches of HTML fragments, ranges and HEAD pass through untouched.
 * @example isPageRequest(new Request("https://shop.example/", { headers: { accept: "text/html" } })) // true
 */
export function isPageRequest(request: Request): boolean {
  if (request.method !== "GET" || request.headers.has("range")) return false;
  const dest = request.headers.get("sec-fetch-dest");
  if (dest) return dest === "document" || dest === "iframe";
  return (request.headers.get("accept") ?? "").includes("text/html");
}

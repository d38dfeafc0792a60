import type { Source, Channel } from "../schema/traits";
import { clickIdChannel, knownClickIds, lookupHost, type HostMatch } from "./sources/index";

const EMAIL_MEDIUMS = /^(email|e-mail|e_mail|newsletter|mail)$/;
const PAID_MEDIUMS = /^(cpc|ppc|paid|paid[-_]?search|display|cpm|cpv|banner|paid[-_]?social)$/;
const SOCIAL_MEDIUMS = /^(social|social[-_]network|social[-_]media|sm)$/;
const EMAIL_SOURCES = /^(newsletter|email|e-mail|mailchimp|klaviyo|sendinblue|brevo)$/;
const SOCIAL_SOURCES = /^(facebook|fb|instagram|ig|twitter|x|linkedin|pinterest|reddit|tiktok|youtube|snapchat|threads|bluesky|mastodon)$/;
/** Hosts or paths of articles, reviews and comparisons: the places research starts. */
const CONTENT_REFERRER = /review|blog|compar|(^|[^a-z])vs([^a-z]|$)|best-|(^|[^a-z])best([^a-z]|$)|guide|wirecutter|rtings|top-?\d+|buying-advice|article/;

function parseUrl(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The host without a leading `www.`, lowercase. */
function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, "");
}

function param(url: URL | null, name: string): string | undefined {
  const value = url?.searchParams.get(name)?.trim();
  return value ? value.slice(0, 200) : undefined;
}

/** Referrers the lists can name: web pages, and Android apps (`android-app://com.google.android.gm`). */
const REFERRER_PROTOCOLS = /^(https?|android-app):$/;

/**
 * The referrer's host when the visitor came from another site; undefined for none, unparsable
 * or internal (same host as the page) referrers. An Android app's referrer is its package name.
 * @example externalReferrerHost("https://shop.test/a", "https://www.google.com/") // "google.com"
 */
export function externalReferrerHost(url: string | undefined, referrer: string | undefined): string | undefined {
  const ref = parseUrl(referrer);
  if (!ref || !REFERRER_PROTOCOLS.test(ref.protocol)) return undefined;
  const host = hostOf(ref);
  const page = parseUrl(url);
  if (page && hostOf(page) === host) return undefined;
  return host || undefined;
}

/**
 * What the maintained lists know about an external referrer: search engine (with the query
 * parameters), social network, webmail, ad host, or nothing.
 * @example referrerMatch("https://shop.test/", "https://mail.yahoo.com/d/folders/1")?.channel // "email"
 */
export function referrerMatch(url: string | undefined, referrer: string | undefined): HostMatch | undefined {
  const host = externalReferrerHost(url, referrer);
  if (!host) return undefined;
  return lookupHost(host, parseUrl(referrer)?.pathname ?? "/");
}

/**
 * True when an external referrer looks like an article, review or comparison page (never a
 * search engine, webmail or ad host, whatever their paths say).
 * @example isContentReferrer("https://shop.test/", "https://www.rtings.com/headphones/reviews/best") // true
 */
export function isContentReferrer(url: string | undefined, referrer: string | undefined): boolean {
  const host = externalReferrerHost(url, referrer);
  if (!host) return false;
  const known = referrerMatch(url, referrer)?.channel;
  if (known === "search" || known === "email" || known === "paid") return false;
  const ref = parseUrl(referrer);
  return CONTENT_REFERRER.test(`${host}${ref ? decodeSafe(ref.pathname).toLowerCase() : ""}`);
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The channel UTM tags alone imply, if any. */
function channelFromTags(medium: string | undefined, source: string | undefined): Channel | undefined {
  const m = medium?.toLowerCase();
  const s = source?.toLowerCase();
  if (m && EMAIL_MEDIUMS.test(m)) return "email";
  if (m && PAID_MEDIUMS.test(m)) return "paid";
  if (m && SOCIAL_MEDIUMS.test(m)) return "social";
  if (m === "organic") return "search";
  if (s && SOCIAL_SOURCES.test(s)) return "social";
  if (s && EMAIL_SOURCES.test(s)) return "email";
  return undefined;
}

/** The click id of a landing URL that says most (an ad's first), if it carries any known one. */
function firstClickId(page: URL | null): string | undefined {
  if (!page || !page.search) return undefined;
  let best: string | undefined;
  for (const [name, value] of page.searchParams) {
    if (!value.trim() || !clickIdChannel(name)) continue;
    const order = knownClickIds();
    if (best === undefined || order.indexOf(name) < order.indexOf(best)) best = name;
  }
  return best;
}

/** The search term a search engine's referrer carries in one of its query parameters (most hide it). */
function searchTerm(referrer: string | undefined, match: HostMatch | undefined): string | undefined {
  if (match?.channel !== "search" || !match.params) return undefined;
  const ref = parseUrl(referrer);
  for (const name of match.params) {
    const term = param(ref, name);
    if (term) return term;
  }
  return undefined;
}

/**
 * Where a session came from, from its landing event's page URL (UTM tags, click ids) and
 * referrer, classified with maintained lists of search engines, social networks, webmail and
 * ad hosts (see `sources/`). UTM tags win; then an ad's click id or an ad host's referrer
 * (`paid`); a mail tool's click id (`email`); the referrer's host as the lists know it
 * (`search`, `social`, `email`); a social network's click id (`fbclid`: `social`); any other
 * external referrer or a lone `utm_source` is `referral`; nothing at all is `direct`. The search
 * term comes from `utm_term`, else from the search engine's referrer when it carries one.
 * @example parseSource("https://shop.test/?utm_medium=email&utm_campaign=spring", "").channel // "email"
 * @example parseSource("https://shop.test/", "https://www.google.com/").channel // "search"
 * @example parseSource("https://shop.test/", "https://outlook.live.com/mail/0/inbox").channel // "email"
 */
export function parseSource(url: string | undefined, referrer: string | undefined): Source {
  const page = parseUrl(url);
  const medium = param(page, "utm_medium");
  const utmSource = param(page, "utm_source");
  const clickId = firstClickId(page);
  const clicked = clickId ? clickIdChannel(clickId) : undefined;
  const referrerHost = externalReferrerHost(url, referrer);
  const known = referrerHost ? lookupHost(referrerHost, parseUrl(referrer)?.pathname ?? "/") : undefined;
  const listed = known && known.channel !== "referral" ? known.channel : undefined;
  const tags = {
    medium,
    campaign: param(page, "utm_campaign"),
    term: param(page, "utm_term") ?? searchTerm(referrer, known),
    content: param(page, "utm_content"),
  };

  const channel: Channel =
    channelFromTags(medium, utmSource) ??
    (clicked === "paid" || listed === "paid" ? "paid" : undefined) ??
    (clicked === "email" ? "email" : undefined) ??
    listed ??
    (clicked === "social" ? "social" : undefined) ??
    (referrerHost ? "referral" : undefined) ??
    (utmSource ? "referral" : "direct");

  return dropUndefined({ channel, source: utmSource ?? referrerHost, ...tags, clickId, referrerHost });
}

/**
 * A search arrival that named the shop itself: paid campaigns or terms tagged "brand" (the
 * usual naming of brand campaigns). Organic search hides the query, so it is never branded here.
 * @example isBrandedSearch({ channel: "paid", campaign: "brand-exact" }) // true
 */
export function isBrandedSearch(source: Source): boolean {
  if (source.channel !== "search" && source.channel !== "paid") return false;
  return /brand/i.test(`${source.campaign ?? ""} ${source.term ?? ""}`);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

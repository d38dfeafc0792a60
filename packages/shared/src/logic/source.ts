import type { Source, Channel } from "../schema/traits";

const EMAIL_MEDIUMS = /^(email|e-mail|e_mail|newsletter|mail)$/;
const PAID_MEDIUMS = /^(cpc|ppc|paid|paid[-_]?search|display|cpm|cpv|banner|paid[-_]?social)$/;
const SOCIAL_MEDIUMS = /^(social|social[-_]network|social[-_]media|sm)$/;
const EMAIL_SOURCES = /^(newsletter|email|e-mail|mailchimp|klaviyo|sendinblue|brevo)$/;
const PAID_CLICK_IDS = ["gclid", "msclkid", "dclid", "gbraid", "wbraid"] as const;

const SEARCH_HOSTS = /(^|\.)(google\.[a-z.]+|bing\.com|duckduckgo\.com|yahoo\.[a-z.]+|ecosia\.org|baidu\.com|yandex\.[a-z.]+|search\.brave\.com|startpage\.com|qwant\.com|naver\.com|seznam\.cz|ask\.com)$/;
const SOCIAL_HOSTS =
  /(^|\.)(facebook\.com|fb\.com|fb\.me|instagram\.com|t\.co|twitter\.com|x\.com|linkedin\.com|lnkd\.in|pinterest\.[a-z.]+|pin\.it|reddit\.com|tiktok\.com|youtube\.com|youtu\.be|snapchat\.com|threads\.net|bsky\.app|mastodon\.social|tumblr\.com|vk\.com)$/;
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

/**
 * The referrer's host when the visitor came from another site; undefined for none, unparsable
 * or internal (same host as the page) referrers.
 * @example externalReferrerHost("https://shop.test/a", "https://www.google.com/") // "google.com"
 */
export function externalReferrerHost(url: string | undefined, referrer: string | undefined): string | undefined {
  const ref = parseUrl(referrer);
  if (!ref || !/^https?:$/.test(ref.protocol)) return undefined;
  const host = hostOf(ref);
  const page = parseUrl(url);
  if (page && hostOf(page) === host) return undefined;
  return host || undefined;
}

/**
 * True when an external referrer looks like an article, review or comparison page.
 * @example isContentReferrer("https://shop.test/", "https://www.rtings.com/headphones/reviews/best") // true
 */
export function isContentReferrer(url: string | undefined, referrer: string | undefined): boolean {
  const host = externalReferrerHost(url, referrer);
  if (!host || SEARCH_HOSTS.test(host)) return false;
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

/**
 * Where a session came from, from its landing event's page URL (UTM tags, click ids) and
 * referrer. Tags win over click ids, click ids over the referrer; an internal or missing
 * referrer with no tags is `direct`.
 * @example parseSource("https://shop.test/?utm_medium=email&utm_campaign=spring", "").channel // "email"
 * @example parseSource("https://shop.test/", "https://www.google.com/").channel // "search"
 */
export function parseSource(url: string | undefined, referrer: string | undefined): Source {
  const page = parseUrl(url);
  const medium = param(page, "utm_medium");
  const utmSource = param(page, "utm_source");
  const tags = {
    medium,
    campaign: param(page, "utm_campaign"),
    term: param(page, "utm_term"),
    content: param(page, "utm_content"),
  };
  const paidClick = PAID_CLICK_IDS.find((name) => param(page, name) !== undefined);
  const clickId = paidClick ?? (param(page, "fbclid") !== undefined ? "fbclid" : undefined);
  const referrerHost = externalReferrerHost(url, referrer);
  const source = utmSource ?? referrerHost;

  const channel: Channel =
    channelFromTags(medium, utmSource) ??
    (paidClick ? "paid" : undefined) ??
    (referrerHost && SEARCH_HOSTS.test(referrerHost) ? "search" : undefined) ??
    (referrerHost && SOCIAL_HOSTS.test(referrerHost) ? "social" : undefined) ??
    (clickId === "fbclid" ? "social" : undefined) ??
    (referrerHost ? "referral" : undefined) ??
    (utmSource ? "referral" : "direct");

  return dropUndefined({ channel, source, ...tags, clickId, referrerHost });
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

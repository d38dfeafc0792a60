import { MAX_URL_LENGTH } from "@vitrine/shared/limits";

/**
 * Takes personal data out of text about to leave the browser: email addresses anywhere (also
 * `%40`-encoded), and values that could be phone numbers (7 or more characters of digits,
 * spaces, `+ ( ) . -` and their URL encodings only) where they are a whole value: a URL's query
 * or fragment value, or a search `query` in an event's JSON. Campaign tags and click ids, which
 * carry letters, pass through untouched; so do skus and order ids, which may be all digits, and
 * Shopify's `variant=` ids (in the page's URL and its JSON-LD), which name the product on show.
 * @example redact('{"query":"+1 555 010 9999"}') // '{"query":"redacted"}'
 */
export const redact = (text: string): string =>
  text
    .replace(/[\w.%+-]+(@|%40)[\w-]+(\.[\w-]+)+/gi, "redacted")
    .replace(/(variant)?(=|"query":")([\d\s().+-]|%2[089B]){7,}(?=[&#"]|$)/gi, (match, variant, before) => (variant ? match : before + "redacted"));

/**
 * Makes a URL fit to leave the browser: {@link redact}ed, then cut to the contract's `MAX_URL_LENGTH`.
 * @example scrub("/thanks?email=ann@example.com&tel=%2B1%20555%20010") // "/thanks?email=redacted&tel=redacted"
 */
export const scrub = (url: string): string => redact(url).slice(0, MAX_URL_LENGTH);

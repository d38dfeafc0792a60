import { MAX_URL_LENGTH } from "@vitrine/shared/limits";

/**
 * Makes a URL fit to leave the browser: cut to the contract's `MAX_URL_LENGTH`, with email
 * addresses anywhere (also `%40`-encoded) and query or fragment values that could be phone
 * numbers (7 or more characters of digits, `+ ( ) . -` and encoded spaces only) redacted.
 * Campaign tags and click ids, which carry letters, pass through untouched.
 * @example scrub("/thanks?email=ann@example.com&tel=%2B1%20555%20010") // "/thanks?email=redacted&tel=redacted"
 */
export const scrub = (url: string): string =>
  url.replace(/[\w.%+-]+(@|%40)[\w-]+(\.[\w-]+)+/gi, "redacted").replace(/=([\d().+-]|%2[089B]){7,}(?=[&#]|$)/gi, "=redacted").slice(0, MAX_URL_LENGTH);

/**
 * Removes personal data from a URL before it leaves the browser: email addresses anywhere
 * (also `%40`-encoded), and query or fragment values that could be phone numbers: 7 or more
 * characters of digits and `+ ( ) . -` or encoded spaces only. Campaign tags and click ids
 * (which carry letters) pass through untouched.
 * @example scrub("/thanks?email=ann@example.com&tel=%2B1%20555%20010") // "/thanks?email=redacted&tel=redacted"
 */
export const scrub = (url: string): string =>
  url.replace(/[\w.%+-]+(@|%40)[\w-]+(\.[\w-]+)+/gi, "redacted").replace(/=([\d().+-]|%2[089B]){7,}(?=[&#]|$)/gi, "=redacted");

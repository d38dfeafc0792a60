import type { Context } from "hono";
import { isbot } from "isbot";

/** What the edge knows about the request beyond its body. */
export interface VisitorContext {
  bot: boolean;
  /** Global Privacy Control (`Sec-GPC: 1`): nothing is stored. */
  gpc: boolean;
  geo: { country?: string; timezone?: string };
}

/** Markers automation browsers put in their user agent (headless Chrome, Playwright, Puppeteer, Selenium). */
const AUTOMATION = /Headless(?=Chrome)|\b(?:Playwright|Puppeteer|Selenium|WebDriver)\b\/?[\d.]*/gi;

/**
 * A bot by user agent (isbot). With `allowAutomation` (a site's own end-to-end tests), an
 * automation browser counts as a visitor unless its user agent is a bot without the markers too.
 * @example isBot("Mozilla/5.0 … HeadlessChrome/156.0.0.0 Safari/537.36", true) // false
 */
export function isBot(userAgent: string, allowAutomation = false): boolean {
  if (!isbot(userAgent)) return false;
  if (!allowAutomation) return true;
  const stripped = userAgent.replace(AUTOMATION, "").trim();
  return stripped === userAgent || isbot(stripped);
}

/**
 * Reads bot status, GPC and geography from the request. `request.cf` is filled by Cloudflare
 * (and by local workerd with a placeholder); the IP address is never read.
 * @example const { bot, gpc, geo } = visitorContext(c, config.settings);
 */
export function visitorContext(c: Context, options: { allowAutomation?: boolean } = {}): VisitorContext {
  const cf = (c.req.raw as { cf?: { country?: unknown; timezone?: unknown } }).cf;
  const geo: VisitorContext["geo"] = {};
  if (typeof cf?.country === "string" && /^[A-Z]{2}$/.test(cf.country)) geo.country = cf.country;
  if (typeof cf?.timezone === "string" && cf.timezone.length < 64) geo.timezone = cf.timezone;
  return {
    bot: isBot(c.req.header("user-agent") ?? "", options.allowAutomation),
    gpc: c.req.header("sec-gpc") === "1",
    geo,
  };
}

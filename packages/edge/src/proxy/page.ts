import type { Context } from "hono";
import type { AppEnv } from "../env";
import { apiError } from "../http/errors";
import { visitorContext } from "../http/visitor-context";
import { withinAddressLimit } from "../http/rate-limit";
import { executionContext } from "../http/execution-context";
import { countLive } from "../live/count";
import { setCookie, VISITOR_COOKIE } from "./cookies";
import { botDecision, decidePage, type PageDecision } from "./decide-page";
import { fromOrigin, originRequest } from "./forward";
import type { ProxiedSite } from "./hosts";
import { cachedPage, keepPage, sharedSeconds } from "./page-cache";
import { rewritePage, type PageSeen } from "./rewrite";
import { isPageRequest, pageVisitor } from "./visitor";

const isHtml = (response: Response) => /^\s*text\/html\b/i.test(response.headers.get("content-type") ?? "");
const logError = (msg: string) => (error: unknown) => console.error(JSON.stringify({ level: "error", msg, error: String(error) }));

/**
 * One request for a proxied shop. It goes to the origin as it came (`forward.ts`); what comes back
 * passes through untouched unless it is a whole HTML page (200, `text/html`) a browser asked to
 * show (`isPageRequest`). Such a page is personalized on its way (`rewritePage`): the decision is
 * made while the origin answers, the visitor keeps a first-party cookie, and the page is marked
 * `private` — only the origin's own page, before personalization, is ever stored in a shared
 * cache, per URL and only where the origin allows it (`page-cache.ts`). Experiments are exposed
 * once the page went through, for the slots it carried.
 * @example app.all("*", (c) => servePage(c, shop));
 */
export async function servePage(c: Context<AppEnv>, shop: ProxiedSite): Promise<Response> {
  const request = c.req.raw;
  const url = new URL(request.url);
  const now = Date.now();
  const { site, config } = shop;
  const { origin, cacheHtmlSeconds } = config.proxy;
  const page = isPageRequest(request);
  // Over the address limit a page passes through as the origin sent it: no visitor, no cookie.
  const limited = page && !(await withinAddressLimit(c, site));
  const context = page && !limited ? visitorContext(c, config.settings) : null;
  const who = context ? pageVisitor(request, config, context) : null;
  const tracked = who?.kind === "track" ? who : null;

  let decided: Promise<PageDecision | null> | null = null;
  if (tracked) {
    decided = decidePage(c, { site, config, visitor: tracked.visitor, fresh: tracked.fresh, geo: context!.geo, now }).catch((error: unknown) => {
      logError("proxy: no decision; the page is served as the origin sent it")(error);
      return null;
    });
  } else if (who?.kind === "bot") decided = Promise.resolve({ decision: botDecision(config, now), live: false, expose: async () => {} });

  const originUrl = new URL(url.pathname + url.search, origin).toString();
  const ctx = executionContext(c);
  let response = page && cacheHtmlSeconds > 0 ? await cachedPage(originUrl) : undefined;
  if (!response) {
    try {
      response = fromOrigin(await fetch(originRequest(request, origin, { personal: tracked !== null })), origin, url);
    } catch (cause) {
      throw apiError(502, `${request.method} ${url.pathname}: the shop's origin ${origin} did not answer (${cause instanceof Error ? cause.message : String(cause)})`, [{ path: "proxy.origin", message: "origin unreachable" }], cause);
    }
    if (page && isHtml(response)) response = keepPage(ctx, originUrl, response, sharedSeconds(request, response, cacheHtmlSeconds));
  }
  if (!page || limited || response.status !== 200 || !isHtml(response) || !response.body) return response;

  let seen: (value: PageSeen) => void = () => {};
  const done = new Promise<PageSeen>((resolve) => (seen = resolve));
  const out = rewritePage(response, {
    slotIds: ["hero", ...Object.keys(config.slots)],
    decision: decided ? decided.then((d) => d?.decision ?? null) : Promise.resolve(null),
    snippet: config.proxy.snippet,
    tag: { site, origin: url.origin, ...(tracked && { visitor: tracked.visitor }), consent: config.proxy.consent === "required" },
    onDone: seen,
  });
  if (tracked && decided) {
    const applied = Promise.all([decided, done]);
    ctx?.waitUntil(applied.then(([d, page]) => d?.expose(page.slots)).catch(logError("proxy: exposures not recorded")));
    // The live numbers count this page view here, once: the snippet records it through collect,
    // which counts nothing (decide counts a client-mode page view). Categories are the snippet's to
    // send, so none are counted for it.
    ctx?.waitUntil(applied.then(([d]) => d?.live && countLive(c, site, d.decision, [], context!.geo.country)).catch(logError("proxy: live numbers not counted")));
  }

  const headers = new Headers(out.headers);
  // The body is no longer the origin's: its validators would describe another page.
  headers.delete("etag");
  headers.delete("last-modified");
  if (tracked) {
    headers.set("cache-control", "private, no-cache");
    headers.append("set-cookie", setCookie(VISITOR_COOKIE, tracked.visitor, url));
  }
  return new Response(out.body, { status: out.status, statusText: out.statusText, headers });
}

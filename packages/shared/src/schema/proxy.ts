import * as z from "./zod";

/**
 * True for names that only ever reach this machine: `localhost`, `*.localhost`, `127.0.0.0/8`
 * and `[::1]`. Plain-http origins and cookies without `Secure` are allowed only for these.
 * @example isLoopbackHost("demo.localhost") // true
 * @example isLoopbackHost("shop.example") // false
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || /^127(?:\.\d{1,3}){3}$/.test(host) || host === "[::1]" || host === "::1";
}

/** A DNS name with an optional port: what a browser sends in `Host`. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::\d{1,5})?$/;

/** Why an origin URL is refused, or null when it is fine. */
function originProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "proxy origin must be a URL such as https://origin.shop.example";
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "") || /\/$/.test(value)) {
    return "proxy origin is scheme, host and port only (no path, query or credentials), e.g. https://origin.shop.example";
  }
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return null;
  return "proxy origin must be https; plain http is allowed only on this machine (http://127.0.0.1:PORT or http://localhost:PORT)";
}

/** How the worker decides that a visitor agreed to be recorded: by default, or once the page says so. */
export const PROXY_CONSENT = ["implied", "required"] as const;
/** Which proxied pages get the snippet: every HTML page, only pages with Vitrine markup, or none. */
export const PROXY_SNIPPET = ["all", "marked", "off"] as const;

/**
 * Proxy mode: the worker sits in front of the shop (`hosts` point at it), forwards every request
 * to `origin`, and rewrites the `data-vt-*` slots of HTML pages with the visitor's decision before
 * they reach the browser, so the default content is never painted.
 * @example Proxy.parse({ origin: "https://origin.shop.example", hosts: ["shop.example"] }).cacheHtmlSeconds // 0
 */
export const Proxy = z
  .strict({
    /** Where the shop really lives: https://host[:port]; http only for a shop on this machine. */
    origin: z.string().check(
      z.maxLength(300),
      z.refine((value) => originProblem(value) === null, { error: (issue) => originProblem(String(issue.input)) ?? "invalid proxy origin" }),
    ),
    /** The shop's public host names (with a port where it is not the default) served through the worker. */
    hosts: z.array(z.string().check(z.maxLength(260), z.regex(HOST, "hosts are lowercase host names with an optional port, e.g. shop.example or demo.localhost:8787"))).check(z.minLength(1), z.maxLength(20)),
    /**
     * Longest time the worker keeps an origin page in its cache, per URL. A page is kept only when
     * the origin allows shared caching (`public`, `s-maxage` or `max-age`, no `private`,
     * `no-store`, `no-cache` or `Set-Cookie`), and never longer than the origin says. 0 = never.
     */
    cacheHtmlSeconds: z._default(z.number().check(z.int(), z.gte(0), z.lte(86_400)), 0),
    /** Which pages get the snippet (for recording page views): `all` HTML pages, `marked` ones (with `data-vt-*`), or `off`. */
    snippet: z._default(z.enum(PROXY_SNIPPET), "all"),
    /** `required`: nothing is decided or recorded until the page records consent (the snippet's `data-consent="required"`). */
    consent: z._default(z.enum(PROXY_CONSENT), "implied"),
  })
  .check(
    z.superRefine((proxy, ctx) => {
      const seen = new Set<string>();
      proxy.hosts.forEach((host, i) => {
        if (seen.has(host)) ctx.issues.push({ code: "custom", input: host, path: ["hosts", i], message: `host "${host}" is listed twice` });
        seen.add(host);
      });
      let originHost: string | undefined;
      try {
        originHost = new URL(proxy.origin).host;
      } catch {
        return;
      }
      const i = proxy.hosts.indexOf(originHost);
      if (i >= 0) ctx.issues.push({ code: "custom", input: originHost, path: ["hosts", i], message: `host "${originHost}" is the origin itself: the worker would forward to itself` });
    }),
  );

export type Proxy = z.infer<typeof Proxy>;

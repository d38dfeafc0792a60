import type { Context } from "hono";
import { VISITOR_ID } from "@vitrine/shared/limits";
import type { AppEnv } from "../env";
import { apiError } from "../http/errors";
import { MAX_BODY_BYTES } from "../http/body";
import { readBytes } from "../http/read-bytes";
import { CONSENT_COOKIE, VISITOR_COOKIE, cookieVisitor, readCookies, setCookie } from "./cookies";
import { SAME_ORIGIN_PREFIX } from "./handoff";

/** The worker's paths a proxied shop serves under `/_vt`, and the methods each takes. */
const ROUTES: Record<string, readonly string[]> = {
  "/v1/sdk.js": ["GET", "HEAD"],
  "/v1/sdk-extra.js": ["GET", "HEAD"],
  "/v1/decide": ["POST", "OPTIONS"],
  "/v1/collect": ["POST", "OPTIONS"],
};

/** What a snippet body says that the cookies care about. */
interface BodyFacts {
  text: string;
  visitor: string | null;
  /** The last consent event of the batch: true granted, false withdrawn, null none. */
  consent: boolean | null;
}

/** Reads a JSON body and puts the cookie's visitor id in it (the first-party id wins over the script's). */
async function readFacts(request: Request, cookieId: string | null): Promise<BodyFacts | null> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return null;
  // Bounded while reading: a chunked body without a length is refused (413) past the limit, not buffered whole.
  const text = new TextDecoder().decode(await readBytes(request, MAX_BODY_BYTES, `POST ${new URL(request.url).pathname}`));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { text, visitor: null, consent: null };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { text, visitor: null, consent: null };
  const body = json as { visitor?: unknown; events?: unknown };
  if (cookieId) body.visitor = cookieId;
  const events = Array.isArray(body.events) ? (body.events as { type?: unknown; granted?: unknown }[]) : [];
  const last = events.filter((e) => e?.type === "consent" && typeof e.granted === "boolean").at(-1);
  const visitor = typeof body.visitor === "string" && VISITOR_ID.test(body.visitor) ? body.visitor : null;
  return { text: cookieId ? JSON.stringify(body) : text, visitor, consent: last ? (last.granted as boolean) : null };
}

/**
 * `/_vt/v1/{sdk.js,decide,collect}` on a proxied shop: the worker's own routes, answered on the
 * shop's origin so no blocker of third-party tag hosts stands between the page and them. The
 * body's visitor becomes the first-party cookie's; a consent event sets the consent cookie (and
 * adopts the page's visitor id when there was no cookie yet), a withdrawal also drops the id
 * cookie. Without Global Privacy Control or a withdrawal, a page's id becomes the cookie when none
 * was set.
 * @example if (path.startsWith("/_vt/")) return sameOrigin(c, (req) => app.fetch(req, c.env, ctx));
 */
export async function sameOrigin(c: Context<AppEnv>, dispatch: (request: Request) => Response | Promise<Response>): Promise<Response> {
  const request = c.req.raw;
  const url = new URL(request.url);
  const path = url.pathname.slice(SAME_ORIGIN_PREFIX.length);
  const methods = ROUTES[path];
  if (!methods) throw apiError(404, `${request.method} ${url.pathname}: not a Vitrine path; a proxied shop serves ${Object.keys(ROUTES).map((p) => SAME_ORIGIN_PREFIX + p).join(", ")}`);
  if (!methods.includes(request.method)) throw apiError(405, `${request.method} ${url.pathname}: use ${methods.join(" or ")}`);

  const target = new URL(path + url.search, url.origin);
  if (request.method !== "POST") return dispatch(new Request(target, request));
  const cookies = readCookies(request.headers.get("cookie"));
  const withdrawn = cookies.get(CONSENT_COOKIE) === "0";
  const cookieId = withdrawn ? null : cookieVisitor(cookies);
  const facts = await readFacts(request, cookieId);
  const response = await dispatch(new Request(target, { method: "POST", headers: request.headers, body: facts ? facts.text : request.body }));
  if (!facts || response.status >= 300) return response;

  const set: string[] = [];
  if (facts.consent === false) set.push(setCookie(CONSENT_COOKIE, "0", url), setCookie(VISITOR_COOKIE, null, url));
  else if (facts.consent === true) {
    set.push(setCookie(CONSENT_COOKIE, "1", url));
    if (!cookieId && facts.visitor) set.push(setCookie(VISITOR_COOKIE, facts.visitor, url));
  } else if (!cookieId && !withdrawn && facts.visitor && request.headers.get("sec-gpc") !== "1") set.push(setCookie(VISITOR_COOKIE, facts.visitor, url));
  if (set.length === 0) return response;
  const out = new Response(response.body, response);
  for (const cookie of set) out.headers.append("set-cookie", cookie);
  return out;
}

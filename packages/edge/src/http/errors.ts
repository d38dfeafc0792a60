import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One entry per offending field: `{ path: "events.0.type", message: "…" }`. */
export interface IssueEntry {
  path: string;
  message: string;
}

/**
 * An expected failure with a ready JSON response: `{ error: { status, message, issues? } }`.
 * @example throw apiError(404, 'site "acme" is not configured')
 */
export function apiError(status: ContentfulStatusCode, message: string, issues?: IssueEntry[], cause?: unknown): HTTPException {
  const body = { error: { status, message: `vitrine: ${message}`, ...(issues ? { issues } : {}) } };
  const res = new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
  return new HTTPException(status, { res, message: body.error.message, cause });
}

/** The single error path: expected failures answer as built, anything else is a 500 without internals. */
export const onError: ErrorHandler = (err, c: Context) => readable(c, answer(err, c));

function answer(err: Error, c: Context): Response {
  if (err instanceof HTTPException) {
    const res = err.getResponse();
    if (res.headers.get("content-type")?.includes("json")) return res;
    // Hono's own HTTPExceptions (e.g. from middleware) carry plain text: give them our shape.
    return apiError(err.status as ContentfulStatusCode, `${c.req.method} ${c.req.path}: ${err.message || "request failed"}`).getResponse();
  }
  console.error(JSON.stringify({ level: "error", msg: "unhandled", method: c.req.method, path: c.req.path, error: String(err), stack: err instanceof Error ? err.stack : undefined }));
  return apiError(500, `${c.req.method} ${c.req.path}: internal error`).getResponse();
}

/** Errors of the public endpoints are readable by the page that sent the request (they hold no data). */
function readable(c: Context, res: Response): Response {
  const origin = c.req.header("origin");
  if (!origin || !/^\/v1\/(collect|decide)$/.test(c.req.path)) return res;
  const copy = new Response(res.body, res);
  copy.headers.set("access-control-allow-origin", origin);
  copy.headers.set("vary", "Origin");
  return copy;
}

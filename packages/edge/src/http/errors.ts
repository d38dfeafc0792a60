import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One entry per offending field: `{ path: "events.0.type", message: "…" }`. */
export interface IssueEntry {
  path: string;
  message: string;
}

/** Where a failure that is not about one field lies, by status, for the envelope's `issues`. */
const WHERE: Partial<Record<number, string>> = { 401: "authorization", 403: "origin", 404: "(path)", 405: "(method)", 413: "(root)", 415: "content-type", 429: "(rate)" };

/**
 * An expected failure with a ready JSON response. Every 4xx and 5xx has the same envelope:
 * `{ error: { status, message, issues: [{ path, message }] } }`; without field issues, one entry
 * names where the failure lies (`authorization`, `origin`, `content-type`, `(path)` …).
 * @example throw apiError(404, 'site "acme" is not configured', [{ path: "site", message: "no config" }])
 */
export function apiError(status: ContentfulStatusCode, message: string, issues?: IssueEntry[], cause?: unknown, headers?: Record<string, string>): HTTPException {
  const full = `vitrine: ${message}`;
  const list = issues && issues.length > 0 ? issues : [{ path: WHERE[status] ?? "(request)", message: message.replace(/^[A-Z]+ \S+: /, "") }];
  const body = { error: { status, message: full, issues: list } };
  const res = new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
  return new HTTPException(status, { res, message: full, cause });
}

/** The single error path: expected failures answer as built, anything else is a 500 without internals. */
export const onError: ErrorHandler = (err, c: Context) => {
  if (err instanceof HTTPException) {
    const res = err.getResponse();
    if (res.headers.get("content-type")?.includes("json")) return res;
    // Hono's own HTTPExceptions (e.g. from middleware) carry plain text: give them our shape.
    return apiError(err.status as ContentfulStatusCode, `${c.req.method} ${c.req.path}: ${err.message || "request failed"}`).getResponse();
  }
  console.error(JSON.stringify({ level: "error", msg: "unhandled", method: c.req.method, path: c.req.path, error: String(err), stack: err instanceof Error ? err.stack : undefined }));
  return apiError(500, `${c.req.method} ${c.req.path}: internal error`, [{ path: "(server)", message: "internal error; nothing was changed by this request unless its answer said so" }]).getResponse();
};

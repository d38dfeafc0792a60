import type { Context } from "hono";
import { formatIssues, type ZodMiniType, type Infer } from "@vitrine/shared/schema";
import { apiError } from "./errors";
import { readBytes } from "./read-bytes";

import { MAX_BODY_BYTES } from "@vitrine/shared/limits";

/** Largest body the public endpoints accept (100 events fit easily); one constant with the snippet. */
export { MAX_BODY_BYTES };

const ACCEPTED_TYPES = ["application/json", "text/plain"];

/**
 * Reads a JSON body (sent as `application/json`, or `text/plain` by the snippet to avoid a CORS
 * preflight), enforces the size limit while streaming, and validates it with `schema`.
 * Throws a 4xx naming what was wrong; nothing is stored before this returns.
 * @example const body = await readBody(c, CollectRequest); // body.events is validated
 */
export async function readBody<S extends ZodMiniType>(c: Context, schema: S, limit = MAX_BODY_BYTES): Promise<Infer<S>> {
  return parseBody(c, await readText(c, limit), schema);
}

/**
 * The body as text, checked for its content type, size and UTF-8 (before a signature over the
 * exact bytes is checked; `parseBody` validates it afterwards).
 * @example const text = await readText(c); const body = parseBody(c, text, TrustedOrdersRequest);
 */
export async function readText(c: Context, limit = MAX_BODY_BYTES): Promise<string> {
  const where = `${c.req.method} ${c.req.path}`;
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "" && !ACCEPTED_TYPES.includes(type)) {
    throw apiError(415, `${where}: content-type "${type}" is not accepted; send application/json or text/plain`);
  }
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > limit) throw tooLarge(where, limit);
  return readLimited(c.req.raw, limit, where);
}

/**
 * Parses and validates a body read with `readText`; throws a 400 naming the first offending path.
 * @example const body = parseBody(c, text, CollectRequest);
 */
export function parseBody<S extends ZodMiniType>(c: Context, text: string, schema: S): Infer<S> {
  const where = `${c.req.method} ${c.req.path}`;
  if (text.trim() === "") throw apiError(400, `${where}: the body is empty; expected a JSON object`, [{ path: "(root)", message: "empty body" }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw apiError(400, `${where}: the body is not valid JSON (${detail})`, [{ path: "(root)", message: `invalid JSON: ${detail}` }], cause);
  }
  let result;
  try {
    result = schema.safeParse(json);
  } catch (cause) {
    // Only absurdly deep nesting gets here (the validator recurses); it is the client's mistake.
    if (!(cause instanceof RangeError)) throw cause;
    throw apiError(400, `${where}: the body is nested too deeply`, [{ path: "(root)", message: "nested too deeply" }], cause);
  }
  if (!result.success) {
    const issues = formatIssues(result.error);
    const first = issues[0]!;
    throw apiError(400, `${where}: invalid body at ${first.path}: ${first.message}`, issues);
  }
  return result.data as Infer<S>;
}

function tooLarge(where: string, limit: number) {
  return apiError(413, `${where}: the body is larger than ${limit} bytes`, [{ path: "(root)", message: `body over ${limit} bytes` }]);
}

async function readLimited(req: Request, limit: number, where: string): Promise<string> {
  const bytes = await readBytes(req, limit, where);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (cause) {
    throw apiError(400, `${where}: the body is not valid UTF-8`, [{ path: "(root)", message: "invalid UTF-8" }], cause);
  }
}

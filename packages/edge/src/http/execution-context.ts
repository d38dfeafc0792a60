import type { Context } from "hono";

/**
 * The request's ExecutionContext, when it has one (`app.request` in tests has none).
 * @example executionContext(c)?.waitUntil(work);
 */
export function executionContext(c: Context): ExecutionContext | undefined {
  try {
    return c.executionCtx as ExecutionContext;
  } catch {
    return undefined;
  }
}

import type { Context } from "hono";
import { SiteId, VisitorId, formatIssues, type ZodMiniType } from "@vitrine/shared/schema";
import { apiError } from "./errors";

const SCHEMAS = { site: SiteId, visitor: VisitorId } satisfies Record<string, ZodMiniType<string>>;

/**
 * A validated path parameter; a bad one is a 400 naming it.
 * @example const site = pathParam(c, "site")
 */
export function pathParam(c: Context, name: keyof typeof SCHEMAS): string {
  const value = c.req.param(name) ?? "";
  const parsed = SCHEMAS[name].safeParse(value);
  if (!parsed.success) {
    const message = formatIssues(parsed.error)[0]?.message ?? "invalid";
    throw apiError(400, `${c.req.method} ${c.req.path}: invalid ${name} in the path: ${message}`, [{ path: name, message }]);
  }
  return parsed.data;
}

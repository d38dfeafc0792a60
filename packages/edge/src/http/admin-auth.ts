import type { MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import type { AppEnv } from "../env";
import { apiError } from "./errors";

/**
 * Admin endpoints need `Authorization: Bearer $ADMIN_TOKEN` (compared in constant time by
 * Hono's bearerAuth). Without a configured token, admin is closed.
 */
export const adminAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = c.env.ADMIN_TOKEN;
  if (!token) throw apiError(503, `${c.req.method} ${c.req.path}: admin is closed; set the ADMIN_TOKEN secret to open it`);
  const check = bearerAuth({
    token,
    noAuthenticationHeader: { message: () => "" },
    invalidToken: { message: () => "" },
    invalidAuthenticationHeader: { message: () => "" },
  });
  try {
    return await check(c as never, next);
  } catch (cause) {
    if (cause instanceof Error && "status" in cause && (cause.status === 401 || cause.status === 400)) {
      throw apiError(401, `${c.req.method} ${c.req.path}: a valid "Authorization: Bearer <ADMIN_TOKEN>" header is required`, undefined, cause);
    }
    throw cause;
  }
};

import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { keysStub } from "./site-keys";

/**
 * Signs config versions: after a config write or rollback succeeds (its answer carries the new
 * version as ETag), records the caller's key name as who stored that version. Runs after the
 * route, so a refused write records nothing.
 * @example app.use("/v1/sites/:site/config/*", authorship);
 */
export const authorship: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.req.method !== "PUT" && c.req.method !== "POST") return;
  const version = Number(c.res.headers.get("etag")?.replace(/"/g, ""));
  if (c.res.status !== 200 || !Number.isInteger(version)) return;
  const principal = c.get("principal");
  const site = c.req.param("site");
  if (!principal || !site) return;
  await keysStub(c.env, site).noteAuthor(version, principal.operator ? "operator" : principal.name, principal.keyId);
};

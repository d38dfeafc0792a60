import { Hono } from "hono";
import { OfferCodesUpload } from "@vitrine/shared/schema";
import type { AppEnv } from "../../env";
import { pathParam } from "../../http/params";
import { readBody } from "../../http/body";
import { apiError } from "../../http/errors";
import { poolStub } from "../../offers/codes";
import { readProof } from "../../offers/proof";

/** An upload of 10,000 codes of 64 characters fits. */
const UPLOAD_BYTES = 1_048_576;
const POOL = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function poolParam(c: { req: { param: (name: string) => string | undefined; method: string; path: string } }): string {
  const pool = c.req.param("pool") ?? "";
  if (!POOL.test(pool)) throw apiError(400, `${c.req.method} ${c.req.path}: invalid pool in the path: pool ids are lowercase slugs (a-z, 0-9, _, -)`, [{ path: "pool", message: "not a slug" }]);
  return pool;
}

/**
 * Single-use coupon codes and social-proof counts (admin):
 * - `PUT /v1/sites/:site/offers/:pool {codes: string[]}` (scope `config:write`) adds codes to an
 *   offer's pool (an offer names it as `offer.pool`); codes already there are kept once →
 *   `200 {added, total, assigned, left}`.
 * - `GET /v1/sites/:site/offers/:pool` (scope `config:read`) → `{total, assigned, left}`.
 * - `GET /v1/sites/:site/offers/proof/:sku` (scope `config:read`) → `{sku, orders, views}`: the
 *   product's orders in the last 24 hours and views in the last hour, as its badge would show them.
 * @example curl -X PUT $EDGE/v1/sites/demo/offers/vip-codes -H "authorization: Bearer $KEY" -d '{"codes":["VIP-7Q2K","VIP-9XW3"]}'
 */
export const offers = new Hono<AppEnv>()
  .get("/proof/:sku", async (c) => {
    const site = pathParam(c, "site");
    const sku = c.req.param("sku");
    c.header("cache-control", "no-store");
    return c.json({ sku, ...(await readProof(c.env, site, sku, Date.now(), true)) });
  })
  .put("/:pool", async (c) => {
    const site = pathParam(c, "site");
    const pool = poolParam(c);
    const body = await readBody(c, OfferCodesUpload, UPLOAD_BYTES);
    return c.json(await poolStub(c.env, site, pool).add(body.codes));
  })
  .get("/:pool", async (c) => {
    const site = pathParam(c, "site");
    c.header("cache-control", "no-store");
    return c.json(await poolStub(c.env, site, poolParam(c)).status());
  });

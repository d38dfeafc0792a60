import { Hono, type Context } from "hono";
import { TrustedOrdersRequest, type TrustedOrder } from "@vitrine/shared/schema";
import type { AppEnv } from "../../env";
import { parseBody, readText } from "../../http/body";
import { SIGNATURE_HEADER, claimOf } from "../../keys/signature";
import { verifySignature } from "../../keys/signed-request";
import { keysStub } from "../../keys/site-keys";
import { pathParam } from "../../http/params";
import { apiError } from "../../http/errors";
import { logEvent } from "../../http/deadline";
import { loadConfig } from "../../config/store";
import { visitorStub } from "../../profile/visitor-profile";
import { readSiteStats } from "../../stats/site-stats";
import { ingestContext } from "../record";
import { creditTrustedOrders } from "../../exposure/record";
import { countProof } from "../../offers/proof";

/**
 * `POST /v1/sites/:site/orders {orders: [{visitor, id, total, currency?, coupon?, skus?, ts?}]}`
 * (a key with `orders:write`, or signed: `Vitrine-Signature`, see keys/signed-request.ts)
 * → `200 {accepted, duplicates, stats}`. The shop's backend reports each order
 * once it is real; only these move the site's p90 thresholds and count as experiment conversions
 * (for experiments that take trusted orders). An order sent again counts once.
 * @example
 * curl -X POST $EDGE/v1/sites/demo/orders -H "authorization: Bearer $ADMIN_TOKEN" \
 *   -d '{"orders":[{"visitor":"v-123456789","id":"A-1001","total":349}]}'
 */
export const orders = new Hono<AppEnv>().post("/", async (c) => {
  const site = pathParam(c, "site");
  const text = await readText(c);
  if (c.req.header(SIGNATURE_HEADER) === undefined) return record(c, site, text);
  const signed = await verifySignature(c, site, text);
  try {
    return await record(c, site, text);
  } catch (error) {
    // Not everything was recorded or credited: the backend may resend this very request (every
    // order in it counts once). A release that fails leaves the claim held: the answer stays the
    // first failure, and a resend signed anew still gets through.
    try {
      await keysStub(c.env, site).releaseSignature(await claimOf(signed.t, text));
    } catch (release) {
      logEvent("warn", "signature claim not released", { site, error: String(release) });
    }
    throw error;
  }
});

async function record(c: Context<AppEnv>, site: string, text: string) {
  const body = parseBody(c, text, TrustedOrdersRequest);
  const config = await loadConfig(c.env, site);
  const now = Date.now();
  const byVisitor = new Map<string, TrustedOrder[]>();
  for (const order of body.orders) byVisitor.set(order.visitor, [...(byVisitor.get(order.visitor) ?? []), order]);

  let accepted = 0;
  let duplicates = 0;
  let erased = 0;
  let uncredited = 0;
  let stats = await readSiteStats(c.env, site, now);
  for (const [visitor, list] of byVisitor) {
    const result = await visitorStub(c.env, site, visitor).recordTrustedOrders(list, ingestContext(config, site, visitor, now));
    accepted += result.accepted;
    duplicates += result.duplicates;
    erased += result.erased ?? 0;
    if (result.figures) stats = result.figures;
    uncredited += await creditTrustedOrders(c.env, { site, visitor, config, orders: result.credit, exposures: result.exposures, now });
    // The products' counts are approximate: a failure costs them these orders, never the call.
    if (result.proof) await countProof(c.env, site, visitor, result.proof, now).catch((error: unknown) => logEvent("warn", "social proof not counted for trusted orders", { site, error: String(error) }));
  }
  // Recorded but not credited: the shop sends the same orders again, and they are credited then.
  if (uncredited > 0) {
    const orders = uncredited === 1 ? "1 order" : `${uncredited} orders`;
    throw apiError(503, `POST ${c.req.path}: the orders are recorded, but crediting ${orders} to experiments failed; send the same orders again (each order counts once)`, [{ path: "(server)", message: "experiment credits not queued" }], undefined, { "retry-after": "5" });
  }
  // `erased`: orders of visitors who were erased, not recorded (only when there are any).
  return c.json({ accepted, duplicates, ...(erased > 0 && { erased }), stats });
}

import type { FullDecision } from "@vitrine/shared";
import type { Event, SiteConfig } from "@vitrine/shared/schema";
import type { Env } from "../env";
import { withDeadline } from "../http/deadline";
import { poolStub } from "./codes";
import { visitorStub } from "../profile/visitor-profile";
import { readProof, type ProofCount } from "./proof";

/** Whether any slot of the config shows social proof (only then are the counters read). */
export const usesProof = (config: SiteConfig) => Object.values(config.slots).some((slot) => Object.values(slot.variants).some((variant) => variant.proof));

/**
 * The product the page is about: the sku of the request's product view (the snippet sends the
 * page's view with decide, its product read from the page's JSON-LD).
 * @example pageSku([{ type: "product_view", product: { sku: "NC-100", price: 349 }, … }]) // "NC-100"
 */
export function pageSku(events: readonly Event[]): string | undefined {
  return [...events].reverse().find((event) => event.type === "product_view")?.product?.sku;
}

/**
 * The page's product counts for social proof, when the config shows any and the page is a
 * product's; undefined otherwise (the proof variants then take no part).
 * @example await proofFor(env, "demo", config, body.events ?? [], now) // { orders: 3, views: 12 }
 */
export async function proofFor(env: Env, site: string, config: SiteConfig, events: readonly Event[], now: number): Promise<ProofCount | undefined> {
  const sku = pageSku(events);
  return sku !== undefined && usesProof(config) ? readProof(env, site, sku, now) : undefined;
}

/**
 * Empties every slot whose offer would draw a single-use code, and leaves `pools` out of the
 * decision: for a visitor who must not draw one (a cookieless first page: a new id each time), or
 * when the codes did not come in time.
 * @example withoutPooledOffers(decision).slots.offer // null
 */
export function withoutPooledOffers(decision: FullDecision, slots = Object.keys(decision.pools ?? {})): FullDecision {
  delete decision.pools;
  for (const slot of slots) decision.slots[slot] = null;
  return decision;
}

/**
 * Moves every offer's end to the page's clock (`skew` = the worker's clock minus the page's) and
 * leaves `pools` out of the decision, at once; then hands the visitor their single-use code for
 * each slot whose offer draws from a pool (the same code on every decide; with a first code, the
 * visitor's object notes the pool), and empties a slot whose pool is used up or did not answer:
 * an offer is never shown without its code.
 */
async function finishOffers(env: Env, site: string, decision: FullDecision, now: number, skew: number): Promise<void> {
  const pools = decision.pools ?? {};
  delete decision.pools;
  // Before any wait: a page answered at the deadline gets its ends on its own clock too.
  for (const content of Object.values(decision.slots)) if (content?.offer?.endsAt !== undefined) content.offer = { ...content.offer, endsAt: content.offer.endsAt - skew };
  await Promise.all(
    Object.entries(pools).map(async ([slot, pool]) => {
      // One call for a code already held. A visitor's first code: their object notes the pool, so
      // erasure and retention find it (should that fail, erasure still asks the config's pools).
      const draw = async () => {
        const { code, first } = await poolStub(env, site, pool).draw(decision.visitor, now);
        if (first) await visitorStub(env, site, decision.visitor).drewFrom(site, decision.visitor, pool).catch((error: unknown) => console.error(JSON.stringify({ level: "warn", msg: "offer pool not noted for the visitor", site, pool, error: String(error) })));
        return code;
      };
      const code = await draw()
        .catch((error: unknown) => {
          console.error(JSON.stringify({ level: "warn", msg: "offer code not drawn", site, pool, error: String(error) }));
          return null;
        });
      const content = decision.slots[slot];
      if (!content) return;
      decision.slots[slot] = code === null ? null : { ...content, offer: { ...content.offer, code } };
    }),
  );
}

/**
 * Hands out the decision's single-use codes within `ms` (`finishOffers`). Past it, every slot that
 * draws a code stays empty, also one whose code had come (the visitor holds it and gets it on the
 * next page). A decision with no code to draw waits for nothing, so it sets no timer.
 * @example await finishOffersWithin(env, "demo", decision, now, DECIDE_DEADLINE_MS, now - body.sentAt);
 */
export async function finishOffersWithin(env: Env, site: string, decision: FullDecision, now: number, ms: number, skew = 0): Promise<void> {
  const pools = Object.keys(decision.pools ?? {});
  const done = finishOffers(env, site, decision, now, skew);
  await (pools.length === 0 ? done : withDeadline(done, ms, "the offer codes")).catch(() => withoutPooledOffers(decision, pools));
}

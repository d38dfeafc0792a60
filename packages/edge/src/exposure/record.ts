import type { FullDecision } from "@vitrine/shared";
import { MAX_MONEY } from "@vitrine/shared/limits";
import type { SiteConfig, TrustedOrder } from "@vitrine/shared/schema";
import type { Env } from "../env";
import type { ExperimentMessage } from "../experiments/messages";
import type { Assignment, ExperimentFacts } from "../profile/assignments";
import type { visitorStub } from "../profile/visitor-profile";
import { conversionSource, pageShows, targetsOf } from "./targets";
import { sendExperimentMessages } from "./send";

type Stub = ReturnType<typeof visitorStub>;

/**
 * After a decision: stores arms given for the first time and records each experiment's exposure
 * once, at the first decide whose page shows what the experiment changes. The exposure is queued
 * before it is marked, so a failure leaves it to the next decide (the results store keys
 * exposures per visitor: a second send counts once). `preSpend` is what the visitor spent in the
 * 365 days before (`spendWithin`), sent with the exposure for CUPED.
 * @example await recordExposures(env, stub, { site, visitor, config, decision, assignments, slots, preSpend, now });
 */
export async function recordExposures(
  env: Env,
  stub: Stub,
  input: { site: string; visitor: string; config: SiteConfig; decision: FullDecision; assignments: readonly Assignment[]; slots: readonly string[] | undefined; preSpend: number; now: number },
): Promise<void> {
  const { site, visitor, config, decision, now } = input;
  const stored = new Map(input.assignments.map((a) => [a.experiment, a]));
  const fresh = decision.experiments.filter(({ id }) => !stored.has(id));
  const due = decision.experiments.filter(({ id }) => stored.get(id)?.exposedAt == null && pageShows(targetsOf(config, id), input.slots));
  if (fresh.length === 0 && due.length === 0) return;
  // The results store refuses amounts past the contract's ceiling: a big spender must not fall out of the results.
  const preSpend = Math.min(input.preSpend, MAX_MONEY);
  const messages: ExperimentMessage[] = due.map(({ id, arm }) => ({ kind: "exposure", site, experiment: id, arm, visitor, ts: now, preSpend }));
  const queued = await sendExperimentMessages(env, messages);
  await stub.enroll(fresh, queued ? due.map(({ id }) => id) : [], { site, visitor, now, retentionMs: config.settings.retentionDays * 86_400_000 });
}

/** Exposed arms, as the results store credits them. */
const exposed = (assignments: readonly Assignment[]) => assignments.filter((a): a is Assignment & { exposedAt: number } => a.exposedAt !== null);

/**
 * Credits what a page just reported to the arms the visitor was exposed to: purchases to
 * experiments that take browser-reported conversions, a first cart add to every exposed arm.
 * Only events at or after the exposure count.
 * @example await creditBrowserEvents(env, { site, visitor, config, facts, now });
 */
export async function creditBrowserEvents(env: Env, input: { site: string; visitor: string; config: SiteConfig; facts: ExperimentFacts }): Promise<void> {
  const { site, visitor, config, facts } = input;
  const messages: ExperimentMessage[] = [];
  for (const a of exposed(facts.assignments)) {
    if (conversionSource(config, a.experiment) === "browser") {
      for (const p of facts.purchases) {
        if (p.ts >= a.exposedAt) messages.push({ kind: "conversion", site, experiment: a.experiment, arm: a.arm, visitor, order: p.order, revenue: p.revenue, ts: p.ts, source: "browser" });
      }
    }
    if (facts.cartAddedAt !== null && facts.cartAddedAt >= a.exposedAt) messages.push({ kind: "action", site, experiment: a.experiment, arm: a.arm, visitor, action: "add_to_cart", ts: facts.cartAddedAt });
  }
  await sendExperimentMessages(env, messages);
}

/**
 * Credits trusted orders from the shop's backend to the arms the visitor was exposed to before
 * ordering, for experiments that take trusted conversions; answers how many of the orders could
 * not be credited (their credits were not queued; 0 when all were, or there were none).
 * Crediting an order again changes nothing in the results.
 * @example uncredited += await creditTrustedOrders(env, { site, visitor, config, orders: result.credit, exposures: result.exposures, now });
 */
export async function creditTrustedOrders(env: Env, input: { site: string; visitor: string; config: SiteConfig; orders: readonly TrustedOrder[]; exposures: readonly Assignment[]; now: number }): Promise<number> {
  const { site, visitor, config, now } = input;
  const messages: ExperimentMessage[] = [];
  for (const a of exposed(input.exposures)) {
    if (conversionSource(config, a.experiment) !== "trusted") continue;
    for (const order of input.orders) {
      const ts = Math.min(order.ts ?? now, now);
      if (ts >= a.exposedAt) messages.push({ kind: "conversion", site, experiment: a.experiment, arm: a.arm, visitor, order: order.id, revenue: order.total, ts, source: "trusted" });
    }
  }
  if (await sendExperimentMessages(env, messages)) return 0;
  return new Set(messages.map((message) => (message.kind === "conversion" ? message.order : ""))).size;
}

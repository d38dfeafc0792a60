import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import demoConfig from "@vitrine/demo-store/config";
import worker from "../src/index";
import type { ExperimentMessage } from "../src/experiments/messages";
import { newSite, workerEnv } from "./helpers";

let messageCounter = 0;
/** Delivers `bodies` to the worker's queue handler as one batch; answers which messages it acked and retried. */
export async function deliver(bodies: unknown[], attempts = 1) {
  const batch = createMessageBatch("vitrine-experiment-events", bodies.map((body) => ({ id: `m${(messageCounter += 1)}`, timestamp: new Date(), attempts, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, workerEnv);
  const result = await getQueueResult(batch, ctx);
  const ids = batch.messages.map((m) => m.id);
  return { ids, retried: (result.retryMessages as { msgId: string }[]).map((m) => m.msgId), acked: result.explicitAcks as string[] };
}

/** The demo config with a running A/B test on the hero, the site-wide holdout and one rule's holdout. */
export const resultsConfig = {
  ...demoConfig,
  holdout: { share: 0.1 },
  heroRules: demoConfig.heroRules.map((rule) => (rule.id === "big-spender-reserve" ? { ...rule, holdout: 0.2 } : rule)),
  experiments: [
    {
      id: "hero-test",
      name: "Men's hero for everyone",
      status: "running",
      targets: ["hero"],
      arms: [
        { id: "control", control: true, weight: 1 },
        { id: "b", weight: 1, slots: { hero: "mens" } },
      ],
    },
  ],
};

/** A fresh site with `resultsConfig`. */
export const newResultsSite = (prefix = "res") => newSite(prefix, resultsConfig);

const D1 = Date.UTC(2026, 0, 5);
const D2 = Date.UTC(2026, 0, 6);
const h = (day: number, hours: number, minutes = 0) => day + hours * 3_600_000 + minutes * 60_000;

/**
 * A small data set whose sums are worked out by hand in the results test: four control visitors
 * and three in b over two UTC days, with orders before exposure, a browser-reported order in a
 * trusted experiment, a cart add before exposure, a conversion sent under the wrong arm and a
 * visitor of an arm the config no longer has.
 */
export function handMadeMessages(site: string): ExperimentMessage[] {
  const base = { site, experiment: "hero-test" } as const;
  const v = (name: string) => `${name}-visitor`;
  const exposure = (visitor: string, arm: string, ts: number, preSpend: number): ExperimentMessage => ({ kind: "exposure", ...base, arm, visitor: v(visitor), ts, preSpend });
  const order = (visitor: string, arm: string, id: string, revenue: number, ts: number, source: "trusted" | "browser" = "trusted"): ExperimentMessage => ({ kind: "conversion", ...base, arm, visitor: v(visitor), order: id, revenue, ts, source });
  const cart = (visitor: string, arm: string, ts: number): ExperimentMessage => ({ kind: "action", ...base, arm, visitor: v(visitor), action: "add_to_cart", ts });
  return [
    exposure("c1", "control", h(D1, 10), 100),
    order("c1", "control", "o1", 30, h(D1, 11)),
    order("c1", "b", "o2", 20, h(D2, 9)), // wrong arm on the message: counts for the exposure's arm
    exposure("c2", "control", h(D1, 12), 0),
    cart("c2", "control", h(D1, 12, 5)),
    exposure("c3", "control", h(D2, 8), 50),
    order("c3", "control", "o3", 40, h(D2, 9)),
    order("c3", "control", "o4", 99, h(D2, 9, 30), "browser"), // a hint: this experiment counts trusted orders only
    exposure("c4", "control", h(D2, 10), 0),
    order("c4", "control", "o5", 70, h(D2, 9)), // before the exposure: not counted
    exposure("b1", "b", h(D1, 10), 20),
    cart("b1", "b", h(D2, 8)), // a day after the exposure
    order("b1", "b", "p1", 100, h(D1, 10, 30)),
    exposure("b2", "b", h(D1, 11), 0),
    cart("b2", "b", h(D1, 10, 59)), // before the exposure: not counted
    order("b2", "b", "p2", 10, h(D2, 10)),
    exposure("b3", "b", h(D2, 11), 0),
    exposure("x1", "old", h(D2, 12), 0),
  ];
}

/**
 * What the decide and order paths tell the results store, through the `EXPERIMENT_EVENTS` queue.
 * Delivery is at least once; the keys make it exactly once in D1: an exposure per (site,
 * experiment, visitor), a conversion per (site, experiment, order), an action per (site,
 * experiment, visitor, action).
 */
export type ExperimentMessage =
  | { kind: "exposure"; site: string; experiment: string; arm: string; visitor: string; ts: number; preSpend: number }
  | { kind: "conversion"; site: string; experiment: string; arm: string; visitor: string; order: string; revenue: number; ts: number; source: "trusted" | "browser" }
  | { kind: "action"; site: string; experiment: string; arm: string; visitor: string; action: "add_to_cart"; ts: number };

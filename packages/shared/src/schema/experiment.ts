import * as z from "./zod";
import { Id, SortStrategy } from "./content";

export const EXPERIMENT_STATUSES = ["draft", "running", "stopped"] as const;
export const METRICS = ["purchase", "revenue", "add_to_cart", "aov"] as const;
export const CONVERSION_SOURCES = ["trusted", "browser"] as const;

/**
 * One arm: a control serves what the visitor would have got without the experiment; any other
 * arm serves a variant of each targeted slot (`slots: {hero: "mens"}`) and/or a sort strategy.
 */
export const Arm = z.strict({
  id: Id,
  name: z.optional(z.string().check(z.maxLength(80))),
  control: z.optional(z.boolean()),
  weight: z._default(z.number().check(z.gte(0), z.lte(1000)), 1),
  /** The variant each targeted slot serves; null shows nothing there (an offer against no offer). */
  slots: z.optional(z.record(Id, z.nullable(Id))),
  sort: z.optional(SortStrategy),
});

/**
 * An A/B test on one or more slots (`targets`: slot ids and/or "sort"). Visitors are assigned by
 * a hash of (`seed`, visitor id), keep their first arm, and count from their first exposure.
 */
export const Experiment = z.strict({
  id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  description: z.optional(z.string().check(z.maxLength(500))),
  status: z.enum(EXPERIMENT_STATUSES),
  /** Bucketing seed; defaults to the id. Changing it reshuffles new visitors only. */
  seed: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  targets: z.array(Id).check(z.minLength(1), z.maxLength(10)),
  /** Only visitors in this segment are enrolled. */
  segment: z.optional(Id),
  /** Share of eligible visitors enrolled (0–1). */
  traffic: z._default(z.number().check(z.gte(0), z.lte(1)), 1),
  arms: z.array(Arm).check(z.minLength(2), z.maxLength(10)),
  primaryMetric: z._default(z.enum(METRICS), "purchase"),
  /**
   * The smallest relative change in the conversion rate worth finding (0.1 = ±10%, the default):
   * the sample-size plan is made for it, and the always-valid test is tuned to it (its mixing τ
   * is this share of control's rate), so it has most power for effects about this large. Set it
   * before the test starts: choosing τ after seeing data weakens the always-valid guarantee.
   */
  mde: z.optional(z.number().check(z.gte(0.01), z.lte(10))),
  secondaryMetrics: z._default(z.array(z.enum(METRICS)), ["revenue", "add_to_cart", "aov"]),
  /** Where this experiment's purchases come from; the site's `settings.conversions` when absent. */
  conversions: z.optional(z.enum(CONVERSION_SOURCES)),
  /** Enrollment window, ms since the epoch. */
  start: z.optional(z.nullable(z.number().check(z.int(), z.gte(0)))),
  stop: z.optional(z.nullable(z.number().check(z.int(), z.gte(0)))),
});

/** A site-wide share of visitors who never get personalized content: what personalization adds is measured against them. */
export const Holdout = z.strict({
  share: z.number().check(z.gte(0), z.lte(0.5)),
  seed: z._default(z.string().check(z.minLength(1), z.maxLength(64)), "holdout"),
});

export type Arm = z.output<typeof Arm>;
export type Experiment = z.output<typeof Experiment>;
export type ExperimentInput = z.input<typeof Experiment>;
export type Holdout = z.output<typeof Holdout>;
export type Metric = (typeof METRICS)[number];

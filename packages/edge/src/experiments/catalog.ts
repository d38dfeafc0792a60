import { HOLDOUT_ARM, PERSONALIZED_ARM, ruleHoldoutId, SITE_HOLDOUT } from "@vitrine/shared";
import type { SiteConfig } from "@vitrine/shared/schema";

/** Which orders an experiment counts: the shop's (trusted) or also browser-reported ones. */
export type ConversionSource = "trusted" | "browser";
/** What an experiment is judged on. */
export type Metric = "purchase" | "revenue" | "add_to_cart" | "aov";

/** One arm as results report it: `weight` is its share of enrolled visitors (weights sum to 1). */
export interface ReportedArm {
  id: string;
  name?: string;
  control: boolean;
  weight: number;
}

/** An experiment or a holdout, as results and the listing describe it. */
export interface ReportedExperiment {
  id: string;
  kind: "experiment" | "holdout";
  name: string;
  status: "draft" | "running" | "stopped";
  /** The slots (and "sort") it changes; `*` for the site-wide holdout. */
  targets: string[];
  arms: ReportedArm[];
  conversions: ConversionSource;
  primaryMetric: Metric;
  secondaryMetrics: Metric[];
  /** The smallest relative change worth finding, as configured (absent: the analysis' default). */
  mde?: number;
  start: number | null;
  stop: number | null;
  /** For a rule's holdout: the rule it holds out. */
  rule?: string;
}

/** Where the site takes purchases from when an experiment does not say: `settings.conversions`. */
const siteSource = (config: SiteConfig): ConversionSource => config.settings.conversions;

function holdout(config: SiteConfig, id: string, share: number, name: string, targets: string[], rule?: string): ReportedExperiment {
  return {
    id,
    kind: "holdout",
    name,
    status: share > 0 ? "running" : "stopped",
    targets,
    arms: [
      { id: HOLDOUT_ARM, name: "Held out (default content)", control: true, weight: share },
      { id: PERSONALIZED_ARM, name: "Personalized", control: false, weight: 1 - share },
    ],
    conversions: siteSource(config),
    primaryMetric: "purchase",
    secondaryMetrics: ["revenue", "add_to_cart", "aov"],
    start: null,
    stop: null,
    ...(rule === undefined ? {} : { rule }),
  };
}

/**
 * Everything the site's config measures: its experiments, the site-wide holdout (`holdout`) and
 * each rule's holdout (`holdout-<rule id>`), in that order. Holdouts are reported like
 * experiments, with the held-out arm as the control.
 * @example reportedExperiments(config).map((e) => e.id) // ["hero-test", "holdout", "holdout-big-spender-hero"]
 */
export function reportedExperiments(config: SiteConfig): ReportedExperiment[] {
  const list: ReportedExperiment[] = config.experiments.map((experiment) => {
    const total = experiment.arms.reduce((sum, arm) => sum + arm.weight, 0) || 1;
    return {
      id: experiment.id,
      kind: "experiment",
      name: experiment.name,
      status: experiment.status,
      targets: experiment.targets,
      arms: experiment.arms.map((arm) => ({ id: arm.id, ...(arm.name === undefined ? {} : { name: arm.name }), control: arm.control === true, weight: arm.weight / total })),
      conversions: experiment.conversions ?? siteSource(config),
      primaryMetric: experiment.primaryMetric,
      secondaryMetrics: experiment.secondaryMetrics,
      ...(experiment.mde === undefined ? {} : { mde: experiment.mde }),
      start: experiment.start ?? null,
      stop: experiment.stop ?? null,
    };
  });
  if (config.holdout) list.push(holdout(config, SITE_HOLDOUT, config.holdout.share, "Site-wide personalization holdout", ["*"]));
  const rules: { rules: readonly { id: string; holdout?: number | undefined }[]; target: string; label: string }[] = [
    { rules: config.heroRules, target: "hero", label: "hero rule" },
    { rules: config.sortRules, target: "sort", label: "sort rule" },
    ...Object.entries(config.slots).map(([slot, { rules }]) => ({ rules, target: slot, label: `${slot} rule` })),
  ];
  const seen = new Set(list.map((e) => e.id));
  for (const { rules: group, target, label } of rules) {
    for (const rule of group) {
      const id = ruleHoldoutId(rule.id);
      if (rule.holdout === undefined || seen.has(id)) continue;
      seen.add(id);
      list.push(holdout(config, id, rule.holdout, `Holdout of ${label} "${rule.id}"`, [target], rule.id));
    }
  }
  return list;
}

/**
 * The experiment or holdout with this id, or undefined when the config has neither.
 * @example findReported(config, "holdout")?.arms.map((a) => a.id) // ["holdout", "personalized"]
 */
export function findReported(config: SiteConfig, id: string): ReportedExperiment | undefined {
  return reportedExperiments(config).find((experiment) => experiment.id === id);
}

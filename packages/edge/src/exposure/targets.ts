import type { SiteConfig } from "@vitrine/shared/schema";
import { SITE_HOLDOUT, ruleHoldoutId } from "@vitrine/shared";

/**
 * The slots (and "sort") an experiment or holdout changes, by its id: an experiment's targets;
 * every part for the site holdout; the part a rule decides for that rule's holdout. Empty for an
 * id the config no longer has.
 * @example targetsOf(config, "hero-test") // ["hero"]
 */
export function targetsOf(config: SiteConfig, id: string): string[] {
  if (id === SITE_HOLDOUT) return ["*"];
  const experiment = config.experiments.find((e) => e.id === id);
  if (experiment) return experiment.targets;
  if (config.heroRules.some((rule) => ruleHoldoutId(rule.id) === id)) return ["hero"];
  if (config.sortRules.some((rule) => ruleHoldoutId(rule.id) === id)) return ["sort"];
  for (const [slot, { rules }] of Object.entries(config.slots)) if (rules.some((rule) => ruleHoldoutId(rule.id) === id)) return [slot];
  return [];
}

/**
 * Where an experiment or holdout takes purchases from: its own `conversions`, else the site's.
 * @example conversionSource(config, "hero-test") // "trusted"
 */
export function conversionSource(config: SiteConfig, id: string): "trusted" | "browser" {
  return config.experiments.find((e) => e.id === id)?.conversions ?? config.settings.conversions;
}

/**
 * Whether the page shows something the experiment changes: `slots` as the page sent them
 * (absent: the page carries every slot).
 * @example pageShows(["hero"], ["hero", "sort"]) // true
 */
export function pageShows(targets: readonly string[], slots: readonly string[] | undefined): boolean {
  if (targets.length === 0) return false;
  if (slots === undefined || targets.includes("*")) return true;
  return targets.some((target) => slots.includes(target));
}

import { decide, type FullDecision } from "@vitrine/shared";
import type { HeroRule, SiteConfig, SortRule, Traits } from "@vitrine/shared/schema";

/** One rule as tried for a visitor, in priority order. */
export interface TriedRule {
  rule: string;
  segment?: string;
  interest?: string;
  serves: string;
  matched: boolean;
  /** The first rule that matched: the one that decided, unless an experiment or holdout did. */
  chosen: boolean;
}

/**
 * Which hero and sort rules hold for these traits, each judged by the same `decide` that chooses
 * content (a config holding that one rule, without experiments or holdouts): the first that holds
 * is the one that served, unless the decision says an experiment or holdout took over.
 * @example rulesTried(config, traits, "v_12345678").hero.find((rule) => rule.chosen)?.rule // "interest-kids"
 */
export function rulesTried(config: SiteConfig, traits: Traits, visitor: string, now = Date.now()): { hero: TriedRule[]; sort: TriedRule[] } {
  const bare: SiteConfig = { ...config, experiments: [], holdout: undefined, heroRules: [], sortRules: [] };
  const one = (rule: HeroRule | SortRule, kind: "heroRules" | "sortRules"): FullDecision => decide({ visitor, traits, config: { ...bare, [kind]: [{ ...rule, holdout: undefined }] }, assignments: {}, now });
  const list = <R extends HeroRule | SortRule>(rules: readonly R[], kind: "heroRules" | "sortRules", serves: (rule: R) => string): TriedRule[] => {
    let found = false;
    return rules.map((rule) => {
      const decision = one(rule, kind);
      const matched = (kind === "heroRules" ? decision.hero.rule : decision.sort.rule) === rule.id;
      const chosen = matched && !found;
      found ||= matched;
      return { rule: rule.id, ...(rule.segment !== undefined && { segment: rule.segment }), ...(rule.interest !== undefined && { interest: rule.interest }), serves: serves(rule), matched, chosen };
    });
  };
  return { hero: list(config.heroRules, "heroRules", (rule) => rule.variant), sort: list(config.sortRules, "sortRules", (rule) => rule.strategy) };
}

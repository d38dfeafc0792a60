import type { Traits } from "../schema/traits";
import type { Settings } from "../schema/config";
import { normalizeCategory } from "./category";

/** What hero and sort rules have in common. */
export interface RuleLike {
  id: string;
  segment?: string;
  interest?: string;
}

/** Why a rule matched: the segment it named and, for interest rules, the winning score. */
export interface RuleMatch<R extends RuleLike> {
  rule: R;
  segment?: string;
  interest?: { category: string; score: number };
}

/** The category's score among the interests the traits carry (the top TRAIT_INTERESTS), else 0. */
function scoreOf(traits: Traits, category: string): number {
  return traits.interests.find((interest) => interest.category === category)?.score ?? 0;
}

/**
 * The first rule (config order) whose segment is among `segments` and whose interest holds.
 * An interest holds when its score is at least `minInterestScore` and no other category named
 * by an interest rule open to this visitor scores higher, so the visitor's strongest named
 * interest wins whatever order the rules are listed in (a tie leaves it to config order). A rule
 * limited to a segment the visitor is not in takes no part, not even in finding the strongest.
 * @example
 * firstMatch([{ id: "nc", interest: "noise-canceling" }, { id: "bt", interest: "bluetooth" }], [], traits, settings)?.rule.id
 * // "bt" for 5 bluetooth views and 1 noise-canceling view
 */
export function firstMatch<R extends RuleLike>(rules: readonly R[], segments: readonly string[], traits: Traits, settings: Settings): RuleMatch<R> | null {
  const open = rules.filter((rule) => rule.segment === undefined || segments.includes(rule.segment));
  const named = [...new Set(open.flatMap((rule) => (rule.interest ? [normalizeCategory(rule.interest)] : [])))];
  const strongest = Math.max(0, ...named.map((category) => scoreOf(traits, category)));
  for (const rule of open) {
    if (rule.interest === undefined) return { rule, ...(rule.segment !== undefined && { segment: rule.segment }) };
    const category = normalizeCategory(rule.interest);
    const score = scoreOf(traits, category);
    if (score < settings.minInterestScore || score < strongest || score <= 0) continue;
    return { rule, ...(rule.segment !== undefined && { segment: rule.segment }), interest: { category, score } };
  }
  return null;
}

import type { Condition, SiteConfig, Settings } from "../schema/config";
import type { Traits } from "../schema/traits";
import type { RuleLike, RuleMatch } from "./rules";
import { matchesCondition, traitValue } from "./condition";
import { normalizeCategory } from "./category";
import { plural } from "./plural";

/** Built once, on first use (`toLocaleString` with options builds a formatter on every call). */
let dollars: Intl.NumberFormat | undefined;

/**
 * An amount as the explanations show it.
 * @example money(1200) // "$1,200.00"
 */
export function money(amount: number): string {
  return `$${(dollars ??= new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(amount)}`;
}

const score = (n: number) => n.toFixed(2);

/** Words for a trait in the state it is in, for the traits a merchant segments on most. */
const PHRASES: Record<string, (t: Traits, s: Settings) => string> = {
  "value.bigSpender": (t) => `average order ${money(t.value.aov)} ≥ p90 ${money(t.value.thresholds.aovP90)}, ${t.value.thresholds.basis} threshold`,
  "value.vip": (t) => `12-month spend ${money(t.value.totalSpend)} ≥ p90 ${money(t.value.thresholds.spendP90)}, ${t.value.thresholds.spendBasis ?? t.value.thresholds.basis} threshold`,
  "value.couponLover": (t, s) => `a coupon on at least ${Math.round(s.couponLoverShare * 100)}% of ${plural(t.value.orders, "order")}`,
  "value.cartAbandoner": () => "left a cart without ordering",
  "value.active": (t) => `${plural(t.value.orders, "order")}`,
  "lifecycle.visit": (t) => `${t.lifecycle.visit} visitor, ${plural(t.lifecycle.sessions, "session")}`,
  "lifecycle.stage": (t) => `stage ${t.lifecycle.stage}`,
  "intent.kind": (t) =>
    t.intent.kind === "browser" ? "intent browser" : `intent ${t.intent.kind} at ${score(t.intent.kind === "buyer" ? t.intent.buyer : t.intent.researcher)}`,
  "source.channel": (t) => `arrived via ${t.source.channel}${t.source.source ? ` (${t.source.source})` : ""}`,
  "source.campaign": (t) => (t.source.campaign ? `campaign "${t.source.campaign}"` : "no campaign"),
  "firstSource.channel": (t) => `first came via ${t.firstSource.channel}`,
};

const FLAGS = ["value.bigSpender", "value.vip", "value.couponLover", "value.cartAbandoner", "value.active"];

/**
 * Who reads the words: `admin` (the merchant's "why this hero?") sees amounts, places and
 * campaigns; `page` (what a shop page may show its visitor) sees none of them.
 */
export type Audience = "admin" | "page";

/** What the page may say about the traits it must not show. */
const PAGE_PHRASES: Record<string, (t: Traits, s: Settings) => string> = {
  "value.bigSpender": () => "average order at or above the site's 90th percentile",
  "value.vip": () => "12-month spend at or above the site's 90th percentile",
  "source.campaign": (t) => (t.source.campaign ? "arrived through a campaign" : "no campaign"),
};
/** Traits whose values a page never shows: spend, order counts, places, campaign terms. */
const PRIVATE = /^(value\.(aov|totalSpend|trustedSpend|orders)|geo\.|source\.(campaign|term|source|medium))/;

function describeTrait(cond: Extract<Condition, { trait: string }>, traits: Traits, settings: Settings, audience: Audience): string {
  if (audience === "page" && Object.hasOwn(PAGE_PHRASES, cond.trait)) return PAGE_PHRASES[cond.trait]!(traits, settings);
  if (audience === "page" && PRIVATE.test(cond.trait)) return `a condition on ${cond.trait}`;
  const phrase = Object.hasOwn(PHRASES, cond.trait) ? PHRASES[cond.trait] : undefined;
  const positiveFlag = cond.op === "eq" && cond.value === true;
  if (phrase && (!FLAGS.includes(cond.trait) || positiveFlag)) return phrase(traits, settings);
  return `${cond.trait} is ${JSON.stringify(traitValue(traits, cond.trait) ?? null)}`;
}

/**
 * Plain words for why a condition holds for these traits, naming the traits it tested.
 * @example describeCondition({ trait: "value.bigSpender", op: "eq", value: true }, traits, settings)
 * // "average order $1,200.00 ≥ p90 $250.00, fallback threshold"
 */
export function describeCondition(cond: Condition, traits: Traits, settings: Settings, audience: Audience = "admin"): string {
  if ("all" in cond) return cond.all.map((c) => describeCondition(c, traits, settings, audience)).join("; ");
  if ("any" in cond) {
    const held = cond.any.filter((c) => matchesCondition(c, traits, settings));
    return (held.length > 0 ? held : cond.any).map((c) => describeCondition(c, traits, settings, audience)).join(" or ");
  }
  if ("not" in cond) return `not: ${describeCondition(cond.not, traits, settings, audience)}`;
  if ("trait" in cond) return describeTrait(cond, traits, settings, audience);
  const category = normalizeCategory(cond.interest);
  const found = traits.interests.find((interest) => interest.category === category);
  return `${category} among the top ${cond.top ?? settings.topInterests} interests (score ${score(found?.score ?? 0)})`;
}

function matchWords<R extends RuleLike>(match: RuleMatch<R>, traits: Traits, config: SiteConfig, settings: Settings, audience: Audience): string {
  const parts: string[] = [];
  if (match.segment !== undefined) {
    const segment = config.segments.find((s) => s.id === match.segment);
    parts.push(`in segment "${match.segment}"${segment ? ` (${describeCondition(segment.when, traits, settings, audience)})` : ""}`);
  }
  if (match.interest) parts.push(`${match.interest.category} is the strongest interest (score ${score(match.interest.score)} from recent views)`);
  return parts.join(" and ");
}

/**
 * One line on who chose a part of the page: the rule and its reason, or the default. `part` is
 * "Hero", "Sort" or a slot's label (`Slot "offer"`); `chosen` null means the slot shows nothing.
 * @example partLine("Hero", "nc", match, traits, config, settings)
 * // 'Hero "nc" chosen by rule "nc-interest": noise-canceling is the strongest interest (score 2.94 from recent views).'
 */
export function partLine<R extends RuleLike>(
  part: string,
  chosen: string | null,
  match: RuleMatch<R> | null,
  traits: Traits,
  config: SiteConfig,
  settings: Settings,
  audience: Audience = "admin",
): string {
  const what = chosen === null ? `${part} shows nothing` : `${part} "${chosen}"`;
  if (!match) return `${what} ${chosen === null ? "by" : "is the"} default: no ${part === "Hero" || part === "Sort" ? part.toLowerCase() : "slot"} rule matched.`;
  const verb = part === "Sort" ? "by" : "chosen by";
  return `${what} ${verb} rule "${match.rule.id}": ${matchWords(match, traits, config, settings, audience)}.`;
}

/**
 * The line for a part an experiment arm or a holdout decided instead of the rules.
 * @example overrideLine("Hero", "mens", { experiment: "hero-test", arm: "b", holdout: false })
 * // 'Hero "mens" by experiment "hero-test", arm "b".'
 */
export function overrideLine(part: string, chosen: string | null, by: { experiment: string; arm: string; holdout: boolean }): string {
  const what = chosen === null ? `${part} shows nothing` : `${part} "${chosen}"`;
  if (by.holdout) return `${what}: this visitor is in ${by.experiment === "holdout" ? "the site's personalization holdout" : `the holdout of rule "${by.experiment.replace(/^holdout-/, "")}"`}, which keeps the default to measure what personalization adds.`;
  return `${what} by experiment "${by.experiment}", arm "${by.arm}".`;
}

/**
 * Lines summarizing the visitor: visit, stage, intent with its reasons, source, segments.
 * @example visitorLines(traits, ["buyers"])[0] // "Visitor: new (1 session), stage visitor, intent buyer (buyer 0.97, researcher 0.02), source search (google.com)."
 */
export function visitorLines(traits: Traits, segments: readonly string[], audience: Audience = "admin"): string[] {
  const { lifecycle, intent, source } = traits;
  const from = audience === "page" ? source.channel : `${source.channel}${source.source ? ` (${source.source})` : ""}${source.campaign ? `, campaign "${source.campaign}"` : ""}`;
  const lines = [
    `Visitor: ${lifecycle.visit} (${plural(lifecycle.sessions, "session")}), stage ${lifecycle.stage}, intent ${intent.kind} (buyer ${score(intent.buyer)}, researcher ${score(intent.researcher)}), source ${from}.`,
  ];
  if (intent.reasons.length > 0) lines.push(`Intent signals: ${intent.reasons.join("; ")}.`);
  lines.push(segments.length > 0 ? `Segments: ${segments.join(", ")}.` : "Segments: none matched.");
  return lines;
}

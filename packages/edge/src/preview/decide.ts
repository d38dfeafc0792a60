import { classify, decide, emptyProfile, normalizeCategory, type FullDecision } from "@vitrine/shared";
import type { Condition, ProductCard, SiteConfig, Traits } from "@vitrine/shared/schema";
import type { PreviewAs } from "./claims";

const NO_FIGURES = { orders: 0, customers: 0, aovP90: null, spendP90: null };
/** `lifecycle.visit` is always "new" or "returning": present for everyone. */
const ALWAYS: Condition = { trait: "lifecycle.visit", op: "exists" };
const NEVER: Condition = { trait: "lifecycle.visit", op: "exists", value: false };

/** Sets `value` at a dotted path of a traits copy (`value.bigSpender` → traits.value.bigSpender). */
function setPath(traits: Traits, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = traits as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

/**
 * The config and traits a preview decides with: as a segment, that segment's condition always
 * holds and every other one never does; as hand-made traits, those traits on a new visitor.
 * Experiments and holdouts are left out, so the preview shows what the rules serve.
 */
function previewInputs(config: SiteConfig, as: PreviewAs, now: number): { config: SiteConfig; traits: Traits } {
  const base = classify(emptyProfile(now), NO_FIGURES, now, config.settings);
  const noHoldout = <R extends { holdout?: number }>(rule: R): R => ({ ...rule, holdout: undefined });
  const plain: SiteConfig = {
    ...config,
    experiments: [],
    holdout: undefined,
    heroRules: config.heroRules.map(noHoldout),
    sortRules: config.sortRules.map(noHoldout),
    slots: Object.fromEntries(Object.entries(config.slots ?? {}).map(([id, slot]) => [id, { ...slot, rules: slot.rules.map(noHoldout) }])),
  };
  if ("segment" in as) {
    return { config: { ...plain, segments: config.segments.map((segment) => ({ ...segment, when: segment.id === as.segment ? ALWAYS : NEVER })) }, traits: base };
  }
  const traits = structuredClone(base);
  for (const [path, value] of Object.entries(as.traits.values)) setPath(traits, path, value);
  traits.interests = as.traits.interests.map((category, i) => ({ category: normalizeCategory(category), score: 100 - i }));
  return { config: plain, traits };
}

/** The code a preview shows for an offer from a pool of single-use codes: a preview draws none. */
export const PREVIEW_CODE = "PREVIEW";

/**
 * The decision a preview shows: decided by the same `decide` as every visitor, with each part's
 * reason marked `basis: "preview"` and the first explain line naming the preview. An offer from a
 * pool shows PREVIEW_CODE (a preview draws no single-use code) and the pool's id stays out. Pure:
 * nothing is read or written.
 * @example previewDecision({ config, as: { segment: "big-spenders" }, label: "Big spenders", visitor: "preview-0000", now }).hero.variant // "big-spender"
 */
export function previewDecision(input: { config: SiteConfig; as: PreviewAs; label: string; visitor: string; products?: readonly ProductCard[]; now: number }): FullDecision {
  const { config, traits } = previewInputs(input.config, input.as, input.now);
  // Shown on the shop's page: explained in page words, as for any visitor.
  const decision = decide({ visitor: input.visitor, traits, config, products: input.products, assignments: {}, now: input.now, audience: "page" });
  const mark = <T extends { reason: FullDecision["hero"]["reason"] }>(part: T): T => ({ ...part, reason: { ...part.reason, basis: "preview" } });
  for (const slot of Object.keys(decision.pools ?? {})) {
    const content = decision.slots[slot];
    if (content) decision.slots[slot] = { ...content, offer: { ...content.offer, code: PREVIEW_CODE } };
  }
  delete decision.pools;
  return {
    ...decision,
    hero: mark(decision.hero),
    slots: Object.fromEntries(Object.entries(decision.slots).map(([id, slot]) => [id, slot && mark(slot)])),
    sort: mark(decision.sort),
    experiments: [],
    explain: [`Preview: ${input.label}. Nothing is recorded, counted or enrolled.`, ...decision.explain],
  };
}

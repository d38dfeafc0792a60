import * as z from "./zod";
import { Category } from "./event";
import { TRAIT_INTERESTS } from "../logic/limits";
import { MAX_CONDITION_DEPTH } from "../logic/condition-depth";

/** Trait paths a segment condition may test. */
export const TRAIT_PATHS = [
  "lifecycle.visit",
  "lifecycle.sessions",
  "lifecycle.stage",
  "lifecycle.identified",
  "lifecycle.subscribed",
  "lifecycle.daysSinceOrder",
  "intent.kind",
  "intent.buyer",
  "intent.researcher",
  "value.orders",
  "value.aov",
  "value.totalSpend",
  "value.trustedSpend",
  "value.bigSpender",
  "value.vip",
  "value.active",
  "value.couponLover",
  "value.cartAbandoner",
  "source.channel",
  "source.source",
  "source.medium",
  "source.campaign",
  "firstSource.channel",
  "source.term",
  "source.clickId",
  "product.brand",
  "product.price",
  "product.priceBand",
  "geo.country",
  "geo.localHour",
] as const;
export type TraitPath = (typeof TRAIT_PATHS)[number];

export const OPERATORS = ["eq", "neq", "gt", "gte", "lt", "lte", "in", "exists"] as const;
type Scalar = string | number | boolean;

export type TraitCondition = { trait: TraitPath; op: (typeof OPERATORS)[number]; value?: Scalar | Scalar[] };
/**
 * True when `interest` is among the visitor's top `top` interests (default: the site's
 * topInterests) with at least `minScore`. `top` is at most 10: the traits carry the top 10.
 */
export type InterestCondition = { interest: string; minScore?: number; top?: number };
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | TraitCondition | InterestCondition;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const ConditionShape: z.ZodMiniType<Condition> = z.lazy(() =>
  z.union([
    z.strict({ all: z.array(ConditionShape).check(z.minLength(1)) }),
    z.strict({ any: z.array(ConditionShape).check(z.minLength(1)) }),
    z.strict({ not: ConditionShape }),
    z.strict({ trait: z.enum(TRAIT_PATHS), op: z.enum(OPERATORS), value: z.optional(z.union([scalar, z.array(scalar)])) }),
    z.strict({
      interest: Category,
      minScore: z.optional(z.number().check(z.gte(0))),
      top: z.optional(z.number().check(z.int(), z.gte(1), z.lte(TRAIT_INTERESTS))),
    }),
  ]),
);

/** The path (below the condition) of the first node nested deeper than MAX_CONDITION_DEPTH, or null. */
export function tooDeep(cond: unknown, depth = 0): PropertyKey[] | null {
  if (cond === null || typeof cond !== "object") return null;
  if (depth > MAX_CONDITION_DEPTH) return [];
  const node = cond as Record<string, unknown>;
  for (const key of ["all", "any"] as const) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const below = tooDeep(list[i], depth + 1);
      if (below) return [key, i, ...below];
    }
  }
  if ("not" in node) {
    const below = tooDeep(node.not, depth + 1);
    if (below) return ["not", ...below];
  }
  return null;
}

/**
 * A segment condition. Nesting is limited to MAX_CONDITION_DEPTH levels: the evaluator stops
 * there, so a deeper condition is refused where it is written rather than never matching.
 */
export const Condition: z.ZodMiniType<Condition> = ConditionShape.check(
  z.superRefine((cond, ctx) => {
    const path = tooDeep(cond);
    if (path) ctx.issues.push({ code: "custom", input: cond, path, message: `conditions nest at most ${MAX_CONDITION_DEPTH} levels deep` });
  }),
);

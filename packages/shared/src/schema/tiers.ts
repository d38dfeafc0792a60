import * as z from "./zod";
import { Id } from "./content";
import { Condition, TRAIT_PATHS } from "./condition";

/**
 * Segments written as tiers, the way merchants say them: "Platinum: 12-month spend > $5,000; Gold
 * > $2,000; Silver otherwise". Levels go from the top down; each is a segment (its `segment` id)
 * holding where the trait is above the level's `above` and not above the level before's; a last
 * level without `above` takes everyone below. Compiled into plain segments (logic/compile.ts).
 */
/** Trait paths that hold numbers: the ones a tier can be on. */
export const NUMERIC_TRAITS = [
  "lifecycle.sessions",
  "lifecycle.daysSinceOrder",
  "intent.buyer",
  "intent.researcher",
  "value.orders",
  "value.aov",
  "value.totalSpend",
  "value.trustedSpend",
  "product.price",
  "geo.localHour",
] as const satisfies readonly (typeof TRAIT_PATHS)[number][];

export const Tier = z
  .strict({
    id: Id,
    trait: z.enum(TRAIT_PATHS).check(
      z.refine((trait) => (NUMERIC_TRAITS as readonly string[]).includes(trait), { message: `a tier needs a trait that holds a number: one of ${NUMERIC_TRAITS.join(", ")}` }),
    ),
    levels: z
      .array(z.strict({ segment: Id, name: z.string().check(z.minLength(1), z.maxLength(80)), above: z.optional(z.number()) }))
      .check(z.minLength(1), z.maxLength(10)),
  })
  .check(
    z.superRefine((tier, ctx) => {
      tier.levels.forEach((level, i) => {
        const last = i === tier.levels.length - 1;
        if (level.above === undefined && !last) ctx.issues.push({ code: "custom", input: level, path: ["levels", i, "above"], message: "only the last level may leave out `above` (it takes everyone below)" });
        const before = tier.levels[i - 1]?.above;
        if (level.above !== undefined && before !== undefined && level.above >= before) ctx.issues.push({ code: "custom", input: level, path: ["levels", i, "above"], message: "levels go from the top down: each `above` below the one before" });
      });
    }),
  );

/**
 * A trigger → condition → action rule: when the condition holds (`when`, like a segment's), show
 * `show` in `slot`. "When a visitor becomes a cart abandoner and returns, show the reminder."
 * Compiled into a segment `trigger-<id>` and a rule placed first among the slot's rules.
 */
export const Trigger = z.strict({
  id: Id,
  name: z.optional(z.string().check(z.maxLength(80))),
  when: Condition,
  slot: Id,
  show: Id,
});

export type Tier = z.infer<typeof Tier>;
export type Trigger = z.infer<typeof Trigger>;

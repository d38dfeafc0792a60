import * as z from "zod/mini";
import { Category, Id, TRAIT_PATHS, type TraitPath } from "@vitrine/shared/schema";

const scalar = z.union([z.string().check(z.maxLength(80)), z.number(), z.boolean()]);

/** Hand-made traits: trait path → value, and interests in order, strongest first. */
const HandMade = z.strictObject({
  values: z._default(z.partialRecord(z.enum(TRAIT_PATHS), scalar), {}),
  interests: z._default(z.array(Category).check(z.maxLength(10)), []),
});

/**
 * `POST /v1/sites/:site/preview` body: who to preview as — one `segment`, or hand-made
 * `traits` — and for how many minutes the link works (default 30, at most 240).
 */
export const PreviewRequest = z.strictObject({
  segment: z.optional(Id),
  traits: z.optional(HandMade),
  minutes: z._default(z.number().check(z.int(), z.gte(1), z.lte(240)), 30),
});
export type PreviewRequest = z.infer<typeof PreviewRequest>;

/** What a preview shows the shop as. */
export type PreviewAs = { segment: string } | { traits: { values: Partial<Record<TraitPath, string | number | boolean>>; interests: string[] } };

/** What a signed preview token says: the site, who to preview as, a label for the bar, and when it expires (ms). */
export interface PreviewClaims {
  site: string;
  as: PreviewAs;
  label: string;
  expires: number;
}

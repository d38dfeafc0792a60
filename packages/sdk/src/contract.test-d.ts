/**
 * The hand-written types the SDK publishes must stay the worker's zod-inferred ones. Checked by
 * the compiler: `vitest run` type-checks this file (see vitest.config.ts), so a drift fails the run.
 */
import { expectTypeOf, test } from "vitest";
import type * as schema from "@vitrine/shared/schema";
import type * as sdk from "./types";

/**
 * The SDK's Decision as v1 had it: without issue 14's `slots` and reasons, with `traits` and
 * `explain` always there. What the worker's schema is compared with until it carries `slots`.
 */
type V1Decision = Flat<
  Omit<sdk.Decision, "slots" | "traits" | "explain" | "hero" | "sort"> & {
    traits: sdk.Traits;
    explain: string[];
    hero: Omit<sdk.Hero, "reason" | "text">;
    sort: Omit<sdk.Decision["sort"], "reason">;
  }
>;
/** One object type for an intersection (expect-type compares intersections as written). */
type Flat<T> = { [K in keyof T]: T[K] };

/** The whole Decision once the worker's schema has issue 14's fields; until then, v1's part of it. */
type Comparable = "slots" extends keyof schema.Decision ? sdk.Decision : V1Decision;

test("the SDK's types are the worker's", () => {
  expectTypeOf<Comparable>().toEqualTypeOf<schema.Decision>();
  expectTypeOf<sdk.VitrineEvent>().toEqualTypeOf<schema.Event>();
  expectTypeOf<sdk.ProductCard>().toEqualTypeOf<schema.ProductCard>();
  expectTypeOf<sdk.Traits>().toEqualTypeOf<schema.Traits>();
  expectTypeOf<sdk.EventType>().toEqualTypeOf<schema.EventType>();
});

/**
 * Deepest nesting of `all` / `any` / `not` a segment condition may have. The config schema
 * refuses deeper conditions and the evaluator stops here: one constant for both.
 */
export const MAX_CONDITION_DEPTH = 32;

/**
 * Zod schemas of the v1 contract, with the types inferred from them. For the worker and tools:
 * never import this from the browser snippet (see `@vitrine/shared` for the zod-free logic).
 */
export type { ZodMiniType, infer as Infer } from "zod/mini";
export * from "./event";
export * from "./traits";
export * from "./profile";
export * from "./config";
export * from "./decision";
export * from "./issues";
export * from "./read-profile";
export * from "./site-stats-state";

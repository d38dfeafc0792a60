/**
 * Caps that keep a profile bounded. The one definition: `schema/profile.ts` re-exports it, so the
 * logic needs no zod.
 */
export const PROFILE_LIMITS = {
  pastSessions: 20,
  interests: 40,
  orders: 50,
  recent: 30,
  distinctProducts: 50,
} as const;

/** Categories kept per recent event (an event may name up to 20). */
export const RECENT_CATEGORIES = 5;
/** Longest time one product view counts as dwell: a tab left open is not reading. */
export const MAX_DWELL_MS = 10 * 60_000;
/**
 * Interests the traits carry, strongest first; rules and `{interest}` conditions see these, so a
 * condition's `top` and the site's `topInterests` go no higher.
 */
export const TRAIT_INTERESTS = 10;
/** Deepest breadcrumb position recorded for an interest (an event names at most 20 categories). */
export const MAX_CATEGORY_DEPTH = 19;

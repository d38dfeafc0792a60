import type { SessionState, SessionSummary, Profile } from "../schema/profile";
import type { Source } from "../schema/traits";
import { PROFILE_LIMITS } from "./limits";

/**
 * A fresh session starting at `ts`, arrived from `source`.
 * @example newSession(Date.now(), { channel: "direct" }).pageViews // 0
 */
export function newSession(ts: number, source: Source): SessionState {
  return {
    start: ts,
    last: ts,
    pageViews: 0,
    productViews: 0,
    productDwellMs: 0,
    distinctProducts: [],
    categoryViews: 0,
    searches: 0,
    searchToProduct: false,
    carts: 0,
    checkouts: 0,
    purchases: 0,
    source,
  };
}

/**
 * What is kept of a finished session.
 * @example summarize(newSession(0, { channel: "email" })).channel // "email"
 */
export function summarize(session: SessionState): SessionSummary {
  return {
    start: session.start,
    end: session.last,
    pageViews: session.pageViews,
    productViews: session.productViews,
    carts: session.carts,
    purchases: session.purchases,
    channel: session.source.channel,
  };
}

/**
 * Closes the current session into the bounded window of past sessions (working copy, in place).
 * @example closeSession(draft); draft.session = newSession(event.ts, source);
 */
export function closeSession(profile: Profile): void {
  profile.pastSessions.push(summarize(profile.session));
  const excess = profile.pastSessions.length - PROFILE_LIMITS.pastSessions;
  if (excess > 0) profile.pastSessions.splice(0, excess);
}

/**
 * Every kept session, oldest first, the current one last, in the same shape.
 * @example allSessions(profile).at(-1)?.start === profile.session.start // true
 */
export function allSessions(profile: Profile): SessionSummary[] {
  return profile.sessions > 0 ? [...profile.pastSessions, summarize(profile.session)] : [...profile.pastSessions];
}

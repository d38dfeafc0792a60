import type { Profile } from "../schema/profile";
import type { Traits } from "../schema/traits";
import type { Settings } from "../schema/config";
import { DAY_MS } from "./time";

type Lifecycle = Traits["lifecycle"];

/**
 * When the visitor was last active before the visit in progress: the end of the previous
 * session while the current one is still going, otherwise the last event.
 */
function previousActivity(profile: Profile, now: number, settings: Settings): number {
  const ongoing = now - profile.session.last <= settings.sessionMinutes * 60_000;
  if (!ongoing) return profile.lastSeen;
  return profile.pastSessions.at(-1)?.end ?? profile.session.start;
}

/**
 * Visit (new/returning), stage and identity. A customer is `lost` once `lostAfterDays` passed
 * without activity, and stays `lost` for the visit that brings them back (so a win-back message
 * can greet them); the visit after that shows their order stage again.
 * @example classifyLifecycle(profile, Date.now(), DEFAULT_SETTINGS).stage // "first_order"
 */
export function classifyLifecycle(profile: Profile, now: number, settings: Settings): Lifecycle {
  const orders = profile.totals.orders;
  const lastOrder = profile.orders.at(-1)?.ts ?? 0;
  const idle = settings.lostAfterDays * DAY_MS;
  const lost = orders > 0 && now - lastOrder > idle && now - previousActivity(profile, now, settings) > idle;
  const stage: Lifecycle["stage"] = lost
    ? "lost"
    : orders >= 3
      ? "repeat"
      : orders === 2
        ? "customer"
        : orders === 1
          ? "first_order"
          : profile.identified
            ? "lead"
            : "visitor";
  return {
    visit: profile.sessions >= 2 ? "returning" : "new",
    sessions: profile.sessions,
    firstSeen: profile.firstSeen,
    lastSeen: profile.lastSeen,
    stage,
    identified: profile.identified,
  };
}

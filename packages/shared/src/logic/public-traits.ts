import type { Traits } from "../schema/traits";

/**
 * The traits a shop page may see about its own visitor: visit, stage, intent, interests, the
 * value flags, and the channel. Never spend or order figures, thresholds, location, time zone,
 * or campaign terms — those stay behind an admin key.
 */
export interface PublicTraits {
  lifecycle: Pick<Traits["lifecycle"], "visit" | "sessions" | "stage" | "identified">;
  intent: Traits["intent"];
  interests: Traits["interests"];
  value: Pick<Traits["value"], "bigSpender" | "vip" | "active" | "couponLover" | "cartAbandoner">;
  source: { channel: Traits["source"]["channel"] };
  firstSource: { channel: Traits["firstSource"]["channel"] };
}

/**
 * Coarse traits for the page (see PublicTraits).
 * @example publicTraits(traits).value // { bigSpender: true, vip: false, active: false, couponLover: false, cartAbandoner: false }
 */
export function publicTraits(traits: Traits): PublicTraits {
  const { lifecycle, intent, interests, value, source, firstSource } = traits;
  return {
    lifecycle: { visit: lifecycle.visit, sessions: lifecycle.sessions, stage: lifecycle.stage, identified: lifecycle.identified },
    intent,
    interests,
    value: { bigSpender: value.bigSpender, vip: value.vip, active: value.active, couponLover: value.couponLover, cartAbandoner: value.cartAbandoner },
    source: { channel: source.channel },
    firstSource: { channel: firstSource.channel },
  };
}

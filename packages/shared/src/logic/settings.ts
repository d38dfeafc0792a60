import type { Settings } from "../schema/config";

/** Defaults of a site's `settings`; the config schema fills these in, the logic falls back to them. */
export const DEFAULT_SETTINGS = {
  sessionMinutes: 30,
  lostAfterDays: 120,
  interestHalfLifeDays: 14,
  topInterests: 3,
  minOrdersForPercentiles: 20,
  fallbackAovP90: 250,
  fallbackSpendP90: 1000,
  activeMinOrders: 3,
  couponLoverShare: 0.5,
  couponLoverMinOrders: 2,
  minInterestScore: 1,
  ttl: 300,
  allowAutomation: false,
  conversions: "trusted",
  retentionDays: 395,
  eventWindowDays: 7,
} as const;

/**
 * Settings with every missing one filled from the defaults. The config schema already fills
 * them; public entry points call this because callers may hand over partial settings.
 * @example withDefaults({ ttl: 60 }).sessionMinutes // 30
 */
export function withDefaults(settings: Partial<Settings> | undefined): Settings {
  return { ...DEFAULT_SETTINGS, ...settings };
}

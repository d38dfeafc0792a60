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
} as const;

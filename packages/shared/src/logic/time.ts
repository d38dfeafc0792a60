/**
 * Milliseconds in a day, for settings and windows given in days.
 * @example now - settings.lostAfterDays * DAY_MS
 */
export const DAY_MS = 86_400_000;

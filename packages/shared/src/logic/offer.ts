import type { Offer } from "../schema/offer";
import { DAY_MS } from "./time";
import { memo } from "./memo";

/** Formatters by time zone, as in geo.ts: building one is dear, using one cheap. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Per time zone, the last whole UTC minute asked for and the milliseconds into the local day at its start. */
const minuteStarts = new Map<string, { minute: number; ms: number }>();

/**
 * Milliseconds since local midnight at `now` in `timezone` (an IANA zone the config schema checked).
 * The clock is read once per zone and UTC minute: zone offsets and their changes fall on whole
 * minutes, so within one UTC minute the local time moves exactly as `now` does.
 * @example msIntoDay(Date.UTC(2026, 0, 15, 17, 30), "Europe/Berlin") // 66_600_000 (18:30)
 */
export function msIntoDay(now: number, timezone: string): number {
  const minute = Math.floor(now / 60_000) * 60_000;
  let start = minuteStarts.get(timezone);
  if (start?.minute !== minute) {
    if (!start && minuteStarts.size >= 64) minuteStarts.clear();
    start = { minute, ms: readMsIntoDay(minute, timezone) };
    minuteStarts.set(timezone, start);
  }
  return start.ms + (now - minute);
}

function readMsIntoDay(now: number, timezone: string): number {
  const format = memo(formatters, timezone, () => new Intl.DateTimeFormat("en-US", { timeZone: timezone, hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23" }));
  const parts = format.formatToParts(new Date(now));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return ((part("hour") % 24) * 3600 + part("minute") * 60 + part("second")) * 1000 + (now % 1000);
}

const clockMs = (clock: string) => (Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))) * 60_000;

/** Whether an offer is open at a moment and, when it closes at all, when (ms since the epoch). */
export interface OfferWindow {
  open: boolean;
  endsAt?: number;
}

/**
 * Whether `offer` is open at `now`: after its `start`, before its `end` and, with `hours`, inside
 * today's window in its time zone (a window such as 22:00–02:00 passes midnight). `endsAt` is the
 * earlier of `end` and the end of today's window. A daylight-saving change inside a window moves
 * its end by the hour the clocks moved.
 * @example offerWindow({ timezone: "UTC", hours: { from: "18:00", to: "22:00" } }, Date.UTC(2026, 0, 1, 21)) // { open: true, endsAt: Date.UTC(2026, 0, 1, 22) }
 */
export function offerWindow(offer: Pick<Offer, "start" | "end" | "hours"> & { timezone?: string }, now: number): OfferWindow {
  if ((offer.start !== undefined && now < offer.start) || (offer.end !== undefined && now >= offer.end)) return { open: false };
  let endsAt = offer.end;
  if (offer.hours) {
    const t = msIntoDay(now, offer.timezone ?? "UTC");
    const from = clockMs(offer.hours.from);
    const to = clockMs(offer.hours.to);
    const open = from < to ? t >= from && t < to : t >= from || t < to;
    if (!open) return { open: false };
    const closes = now + (t < to ? to - t : DAY_MS - t + to);
    endsAt = endsAt === undefined ? closes : Math.min(endsAt, closes);
  }
  return endsAt === undefined ? { open: true } : { open: true, endsAt };
}

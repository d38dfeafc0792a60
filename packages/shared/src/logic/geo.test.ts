import { describe, expect, it } from "vitest";
import { localHour } from "./geo";

const noonUtcWinter = Date.UTC(2026, 0, 15, 12);
const noonUtcSummer = Date.UTC(2026, 6, 15, 12);

describe("localHour", () => {
  it.each([
    ["Europe/Berlin", noonUtcWinter, 13],
    ["Europe/Berlin", noonUtcSummer, 14],
    ["America/New_York", noonUtcWinter, 7],
    ["Asia/Tokyo", noonUtcWinter, 21],
    ["Asia/Kolkata", noonUtcWinter, 17],
    ["UTC", noonUtcWinter, 12],
    [undefined, noonUtcWinter, 12],
    ["", noonUtcWinter, 12],
    ["Not/AZone", noonUtcWinter, 12],
  ])("%s at %i → %i", (zone, now, hour) => {
    expect(localHour(now, zone)).toBe(hour);
  });

  it("gives 0, not 24, at local midnight", () => {
    expect(localHour(Date.UTC(2026, 0, 15, 23), "Europe/Berlin")).toBe(0);
  });
});

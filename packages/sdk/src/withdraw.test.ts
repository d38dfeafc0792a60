import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withdraw } from "./withdraw";

/** localStorage as a map, behind the snippet's `storage` signature. */
const memory = (entries: Record<string, string>) => {
  const map = new Map(Object.entries(entries));
  return { map, storage: (key: string, value?: string | null) => (value === undefined ? map.get(key) : value === null ? map.delete(key) : map.set(key, value)) };
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("withdraw", () => {
  it("sends the withdrawal until the worker answers, the same event each time, then clears vt_bye", async () => {
    const { map, storage } = memory({ vt_ok: "0", vt_bye: "visitor-1" });
    const bodies: any[] = [];
    let failures = 2;
    const post = vi.fn(async (_path: string, fields: object) => {
      bodies.push(fields);
      if (failures-- > 0) throw Error("offline");
      return { accepted: 0, duplicates: 0, forgotten: true };
    });
    const done = withdraw(post, storage, "visitor-1");
    await vi.runAllTimersAsync();
    await done;
    expect(post).toHaveBeenCalledTimes(3);
    expect(post.mock.calls.map(([path]) => path)).toEqual(["collect", "collect", "collect"]);
    expect(bodies[0]).toEqual({ visitor: "visitor-1", events: [{ id: expect.any(String), type: "consent", ts: expect.any(Number), granted: false }] });
    expect(bodies[2]).toEqual(bodies[0]);
    expect(Object.fromEntries(map)).toEqual({ vt_ok: "0" });
  });

  it("ends on a refusal (410: already erased), and leaves a newer withdrawal's id alone", async () => {
    const { map, storage } = memory({ vt_bye: "visitor-2" });
    await withdraw(async () => null, storage, "visitor-1");
    expect(Object.fromEntries(map)).toEqual({ vt_bye: "visitor-2" });
  });
});

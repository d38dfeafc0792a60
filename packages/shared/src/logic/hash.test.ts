import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fnv1a32 } from "./hash";

describe("fnv1a32", () => {
  it.each([
    ["", 0x811c9dc5],
    ["a", 0xe40c292c],
    ["foobar", 0xbf9cf968],
  ])("hashes %j to the published FNV-1a test vector", (input, expected) => {
    expect(fnv1a32(input)).toBe(expected);
  });

  it("hashes the UTF-8 bytes, so non-ASCII ids are stable across runtimes", () => {
    expect(fnv1a32("é")).toBe(fnv1a32("\u00e9"));
    expect(fnv1a32("é")).not.toBe(fnv1a32("e"));
  });

  it("always returns an unsigned 32-bit integer", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const h = fnv1a32(s);
        return Number.isInteger(h) && h >= 0 && h <= 0xffffffff && h === fnv1a32(s);
      }),
    );
  });
});

import { expect } from "vitest";

/**
 * Asserts `actual` matches a reference value: within `tolerance` absolutely for values up to 1,
 * relatively above. Tests cite the command that produced each reference.
 */
export function expectClose(actual: number | null | undefined, expected: number, tolerance = 1e-6): void {
  expect(typeof actual).toBe("number");
  const error = Math.abs((actual as number) - expected);
  expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

/** Asserts `actual` matches a (possibly tiny) reference value to `tolerance` relative error. */
export function expectRelative(actual: number, expected: number, tolerance: number): void {
  const error = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

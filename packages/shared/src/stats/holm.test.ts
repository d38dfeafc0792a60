import { describe, expect, it } from "vitest";
import { expectClose } from "./__reference__/close";
import { holm } from "./holm";

describe("holm", () => {
  // Source: statsmodels 0.13.5 `multipletests(ps, method="holm")[1]`;
  // command: `/usr/bin/python3 packages/shared/src/stats/__reference__/srm_holm.py` (block "holm").
  it.each([
    [[0.01, 0.04, 0.03], [0.03, 0.06, 0.06]],
    [[0.2], [0.2]],
    [[0.001, 0.5, 0.012, 0.049], [0.004, 0.5, 0.036000000000000004, 0.098]],
    [[0.03, 0.03, 0.6], [0.09, 0.09, 0.6]],
  ])("%j adjusts to statsmodels' values", (ps, expected) => {
    const adjusted = holm(ps);
    expect(adjusted).toHaveLength(expected.length);
    adjusted.forEach((p, i) => expectClose(p, expected[i]!, 1e-15));
  });

  it("returns nothing for nothing", () => {
    expect(holm([])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { expectClose } from "./__reference__/close";
import { sampleRatioMismatch } from "./srm";

describe("sampleRatioMismatch", () => {
  // Source: scipy 1.10.1 `chisquare(observed, total * weights / sum(weights))`;
  // command: `/usr/bin/python3 packages/shared/src/stats/__reference__/srm_holm.py` (block "srm").
  it.each([
    [[5000, 5300], [1, 1], 8.737864077669903, 0.003116693839866867, false],
    [[5000, 5600], [1, 1], 33.9622641509434, 5.61913746484314e-9, true],
    [[1000, 2100, 6900], [1, 2, 7], 6.428571428571429, 0.04018402645107363, false],
    [[3300, 3350, 3210], [1, 1, 1], 3.062880324543611, 0.21622404526445954, false],
    [[10, 0], [1, 1], 10.0, 0.001565402258002549, false],
    [[2500, 7600], [0.25, 0.75], 0.33003300330033003, 0.5656396551820597, false],
  ])("%j against weights %j matches scipy to 1e-12", (observed, weights, chiSquare, p, mismatch) => {
    const r = sampleRatioMismatch(observed, weights);
    expectClose(r.chiSquare, chiSquare, 1e-12);
    expectClose(r.p, p, 1e-12);
    expect(r.mismatch).toBe(mismatch);
    expect(r.df).toBe(observed.length - 1);
  });

  it("calls visitors in a zero-weight arm a mismatch, and has nothing to say without visitors or with one arm", () => {
    expect(sampleRatioMismatch([100, 3], [1, 0])).toMatchObject({ p: 0, mismatch: true });
    expect(sampleRatioMismatch([100, 0], [1, 0])).toMatchObject({ p: 1, mismatch: false, df: 0 });
    expect(sampleRatioMismatch([0, 0], [1, 1])).toMatchObject({ p: 1, mismatch: false, chiSquare: 0 });
    expect(sampleRatioMismatch([500], [1])).toMatchObject({ p: 1, mismatch: false, df: 0 });
  });
});

import { describe, it } from "vitest";
import { expectRelative } from "./__reference__/close";
import { logBeta, regularizedBeta } from "./beta";

describe("regularizedBeta", () => {
  // Source: scipy 1.10.1, `/usr/bin/python3 -c "from scipy.special import betainc; print([repr(betainc(a,b,x)) for x,a,b in [(0.5,2,3),(0.1,0.5,0.5),(0.9,5,0.5),(0.3,50,40),(0.999,2,0.5),(0.6,1000,700)]])"`
  it.each([
    [0.5, 2, 3, 0.6875],
    [0.1, 0.5, 0.5, 0.2048327646991335],
    [0.9, 5, 0.5, 0.316642915020012],
    [0.3, 50, 40, 2.5594330813426836e-7],
    [0.999, 2, 0.5, 0.9525816464857751],
    [0.6, 1000, 700, 0.8378197862077352],
  ])("I_%d(%d, %d) matches scipy to 1e-12 relative", (x, a, b, expected) => {
    expectRelative(regularizedBeta(x, a, b), expected, 1e-12);
  });

  it("logBeta(2, 3) is ln(1/12)", () => {
    expectRelative(logBeta(2, 3), Math.log(1 / 12), 1e-14);
  });
});

describe("logBeta with a large argument", () => {
  // Source: mpmath 1.2.1 at 40 digits, `/usr/bin/python3 -c "import mpmath as m; m.mp.dps=40; print([m.nstr(m.log(m.beta(a,b)),20) for a,b in [(61728.35,0.5),(0.5,1e7),(500000,400000),(12,3.5)]])"`
  it.each([
    [61728.35, 0.5, -4.9428823249366563037],
    [0.5, 1e7, -7.486682870054459807],
    [500000, 400000, -618270.6557153559916],
    [12, 3.5, -7.8336330428946535598],
  ])("logBeta(%d, %d) matches mpmath to 1e-14 relative", (a, b, expected) => {
    expectRelative(logBeta(a, b), expected, 1e-14);
  });
});

import { describe, expect, it } from "vitest";
import { expectRelative } from "./__reference__/close";
import { studentTCdf, studentTPdf, studentTQuantile, studentTSf } from "./student-t";

// Reference: mpmath 1.2.1 at 40 digits (scipy's own t.ppf is only good to ~1e-10 at fractional df).
// At df ~ 1e5 the continued fraction runs thousands of steps, so 1e-12 rather than 1e-15.
// Below, ${TSF} stands for these two lines of Python:
//   import mpmath as m; m.mp.dps=40
//   def tsf(x,d): x=m.mpf(x); d=m.mpf(d); return m.betainc(d/2, m.mpf(1)/2, 0, d/(d+x*x), regularized=True)/2

describe("studentTSf", () => {
  // Source: `/usr/bin/python3 -c "${TSF}
  // print([m.nstr(tsf(x,d),20) for x,d in [(2,10),(1,1),(12.7,1),(3.5,2.5),(1.96,1000),(2.5,123456.7),(50,4),(0.01,30)]])"`
  // (scipy 1.10.1 `t.sf` agrees to 1e-13.)
  it.each([
    [2, 10, 0.036694017385370182809],
    [1, 1, 0.25],
    [12.7, 1, 0.025012163844672080027],
    [3.5, 2.5, 0.026172773480160168617],
    [1.96, 1000, 0.025136592477874359217],
    [2.5, 123456.7, 0.0062103086823698890205],
    [50, 4, 4.787226828484849205e-7],
    [0.01, 30, 0.49604374628658884825],
  ])("P(T > %d | df = %d) matches mpmath to 1e-12 relative", (x, df, expected) => {
    expectRelative(studentTSf(x, df), expected, 1e-12);
    expectRelative(studentTCdf(-x, df), expected, 1e-12);
    expectRelative(studentTSf(-x, df), 1 - expected, 1e-12);
  });

  it("is the normal at infinite df, and the Cauchy density at df = 1", () => {
    // Source: `/usr/bin/python3 -c "from scipy.stats import norm; print(repr(norm.sf(1.5)))"`
    expectRelative(studentTSf(1.5, Infinity), 0.06680720126885807, 1e-14);
    expectRelative(studentTPdf(0, 1), 1 / Math.PI, 1e-14);
    expect(studentTSf(0, 3)).toBe(0.5);
  });
});

describe("studentTQuantile", () => {
  // Source: `/usr/bin/python3 -c "${TSF}
  // for p,d,s in [(0.975,1,12),(0.975,2,4),(0.975,2.5,3.5),(0.975,10,2.2),(0.975,57.3,2),(0.975,1e5,1.96),(0.999,3,10),(0.6,7,0.26)]:
  //   print(p, d, m.nstr(m.findroot(lambda x: tsf(x,d)-(1-m.mpf(p)), s), 20))"`
  it.each([
    [0.975, 1, 12.706204736174693314],
    [0.975, 2, 4.3026527297494617894],
    [0.975, 2.5, 3.5746548420036817607],
    [0.975, 10, 2.2281388519862742245],
    [0.975, 57.3, 2.0022382682313360535],
    [0.975, 1e5, 1.9599877075346092587],
    [0.999, 3, 10.214531852407383456],
    [0.6, 7, 0.26316686135202275215],
  ])("t quantile %d at df = %d matches mpmath to 1e-12 relative", (p, df, expected) => {
    expectRelative(studentTQuantile(p, df), expected, 1e-12);
    expectRelative(studentTQuantile(1 - p, df), -expected, 1e-12);
  });
});

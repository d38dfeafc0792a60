import { describe, expect, it } from "vitest";
import { expectRelative } from "./__reference__/close";
import { normalCdf, normalQuantile, normalSf } from "./normal";

describe("normalCdf and normalSf", () => {
  // Source: scipy 1.10.1, `/usr/bin/python3 -c "from scipy.stats import norm; print([repr(norm.cdf(x)) for x in [-8,-3,-1.96,0,0.3,1,2.5]], [repr(norm.sf(x)) for x in [3,5,8,12]])"`
  it.each([
    [-8, 6.22096057427174e-16],
    [-3, 0.0013498980316300933],
    [-1.96, 0.024997895148220435],
    [0, 0.5],
    [0.3, 0.6179114221889526],
    [1, 0.8413447460685429],
    [2.5, 0.9937903346742238],
  ])("Φ(%d) matches scipy to 1e-13 relative", (x, expected) => {
    expectRelative(normalCdf(x), expected, 1e-13);
  });

  it.each([
    [3, 0.0013498980316300933],
    [5, 2.866515718791933e-7],
    [8, 6.22096057427174e-16],
    [12, 1.776482112077653e-33],
  ])("1 - Φ(%d) matches scipy to 1e-13 relative", (x, expected) => {
    // x/√2 is rounded before erfc sees it, which alone costs ~x²·1e-16 relative.
    expectRelative(normalSf(x), expected, 1e-13);
  });
});

describe("normalQuantile", () => {
  // Source: scipy 1.10.1, `/usr/bin/python3 -c "from scipy.stats import norm; print([repr(norm.ppf(p)) for p in [1e-12,1e-6,0.001,0.02425,0.025,0.2,0.5,0.8,0.975,0.999,1-1e-9]])"`
  it.each([
    [1e-12, -7.034483825301131],
    [1e-6, -4.753424308822899],
    [0.001, -3.090232306167813],
    [0.02425, -1.972961051311885],
    [0.025, -1.9599639845400545],
    [0.2, -0.8416212335729142],
    [0.8, 0.8416212335729143],
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
    [1 - 1e-9, 5.997807019601637],
  ])("Φ⁻¹(%d) matches scipy to 1e-13 relative", (p, expected) => {
    expectRelative(normalQuantile(p), expected, 1e-13);
  });

  it("handles the ends", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

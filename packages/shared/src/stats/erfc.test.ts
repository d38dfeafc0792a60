import { describe, expect, it } from "vitest";
import { expectRelative } from "./__reference__/close";
import { erfc } from "./erfc";

describe("erfc", () => {
  // Source: scipy 1.10.1, `/usr/bin/python3 -c "from scipy.special import erfc; print([repr(erfc(x)) for x in [-3,-0.5,0,0.1,0.46875,0.5,1,2,3.9,4,5,10,26]])"`
  it.each([
    [-3, 1.9999779095030015],
    [-0.5, 1.5204998778130465],
    [0, 1.0],
    [0.1, 0.8875370839817152],
    [0.46875, 0.507386526782062],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028516],
    [2, 0.004677734981047266],
    [3.9, 3.479224859723178e-8],
    [4, 1.541725790028002e-8],
    [5, 1.5374597944280347e-12],
    [10, 2.0884875837625446e-45],
    [26, 5.663192408856145e-296],
  ])("erfc(%d) matches scipy to 1e-14 relative", (x, expected) => {
    expectRelative(erfc(x), expected, 1e-14);
  });

  it("is 0 far in the tail and 2 far on the left", () => {
    expect(erfc(40)).toBe(0);
    expect(erfc(-40)).toBe(2);
    expect(erfc(Number.NaN)).toBeNaN();
  });
});

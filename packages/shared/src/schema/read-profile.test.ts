import { describe, expect, it } from "vitest";
import { readProfile, PROFILE_VERSION } from "./read-profile";
import { emptyProfile } from "../logic/profile";

describe("readProfile", () => {
  it("reads what this code writes", () => {
    const profile = emptyProfile(1_700_000_000_000);
    expect(readProfile(JSON.stringify(profile))).toEqual(profile);
    expect(profile.v).toBe(PROFILE_VERSION);
  });

  it("reads a stored version 1 profile written before interests had a depth", () => {
    const stored = { ...emptyProfile(1_700_000_000_000), interests: { headphones: { score: 2, at: 1_700_000_000_000 } } };
    expect(readProfile(JSON.stringify(stored)).interests.headphones).toEqual({ score: 2, at: 1_700_000_000_000, depth: 0 });
  });

  it("reads a stored version 1 profile written before sessions counted account, info and category time", () => {
    const current = emptyProfile(1_700_000_000_000);
    const { categoryDwellMs: _c, accountViews: _a, infoViews: _i, ...olderSession } = current.session;
    const stored = { ...current, session: olderSession };
    const read = readProfile(JSON.stringify(stored));
    expect(read.session).toMatchObject({ categoryDwellMs: 0, accountViews: 0, infoViews: 0 });
    expect(read.brands).toBeUndefined();
    expect(read.subscribed).toBeUndefined();
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["not an object", "42", /not an object/],
    ["from a newer worker", JSON.stringify({ ...emptyProfile(0), v: 99 }), /version 99, newer than this worker's 1/],
    ["missing a field", JSON.stringify({ ...emptyProfile(0), sessions: undefined }), /invalid at sessions/],
  ])("refuses a profile %s, naming why", (_name, json, message) => {
    expect(() => readProfile(json)).toThrow(message);
  });
});

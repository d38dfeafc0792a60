import { describe, expect, it } from "vitest";
import { codeBlocks, curlsOf, describeCurl, runsCurl } from "./support/readme";
import { ANY, parseDocumented, shapeDiff } from "./support/shape";

// The conventions readme.test.ts applies to README.md, on small made-up examples.
describe("documented JSON", () => {
  it("reads comments, trailing commas and … for elided parts", () => {
    const doc = parseDocumented(`{
      "a": 1, // a comment
      "b": …, "c": "x …", "d": [{ "e": true }, …], …,
      "f": { … }, "g": […],
    }`);
    expect(doc).toEqual({ a: 1, b: ANY, c: "x …", d: [{ e: true }], f: {}, g: [] });
    expect(parseDocumented(`{"accepted":1,...}`)).toEqual({ accepted: 1 });
    expect(() => parseDocumented(`{"a" 1}`)).toThrow(/expected ':' at line 1/);
  });

  it("compares shapes: keys and JSON types, arrays by their first element, … as anything", () => {
    const doc = parseDocumented(`{"n": 1, "s": "…", "any": …, "list": [{"k": "v"}], "empty": [], "nil": null}`);
    expect(shapeDiff(doc, { n: 2, s: "other", any: [1], list: [{ k: "w", extra: 1 }, 7], empty: [1], nil: null, more: true })).toEqual([]);
    expect(shapeDiff(doc, { n: "2", s: "x", list: [], empty: [], nil: 0 })).toEqual([
      'n: documented number, got string "2"',
      "any: documented a value (…), missing in the answer",
      'list: documented items like {"k":"v"}, got an empty array',
      "nil: documented null, got number 0",
    ]);
  });
});

describe("README blocks", () => {
  const md = [
    "## API",
    "```sh",
    "TOKEN=local-admin-token",
    "curl -s http://127.0.0.1:8787/v1/collect -d '{",
    '  "site": "demo", "ts": \'$NOW\'}\'',
    '# {"accepted":1,',
    '#  "duplicates":0}',
    "python3 -c 'print(1)' |",
    "  curl -s -X PUT http://127.0.0.1:8787/v1/sites/demo/config \\",
    "       --data-binary @-",
    "```",
    "<!-- readme-test: config -->",
    "```jsonc",
    '{"site": "demo"}',
    "```",
    "```sh",
    "npm start",
    "```",
  ].join("\n");

  it("finds fenced blocks with their heading and readme-test note", () => {
    const blocks = codeBlocks(md);
    expect(blocks.map((b) => [b.line, b.lang, b.heading, b.note])).toEqual([
      [2, "sh", "API", undefined],
      [13, "jsonc", "API", "config"],
      [16, "sh", "API", undefined],
    ]);
    expect(blocks.map(runsCurl)).toEqual([true, false, false]);
  });

  it("splits a shell block into curl commands, each with the answer documented under it", () => {
    const curls = curlsOf(codeBlocks(md)[0]!.text);
    expect(curls.map((c) => describeCurl(c.command))).toEqual(["POST /v1/collect", "PUT /v1/sites/demo/config"]);
    expect(curls.map((c) => c.documented)).toEqual([['{"accepted":1,\n "duplicates":0}'], []]);
  });
});

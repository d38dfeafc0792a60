import { describe, expect, it } from "vitest";
import { COALESCE_BYTES, coalescer } from "../src/proxy/coalesce";

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe("coalescer", () => {
  it("joins what arrives in one turn into one chunk, sent on the next", async () => {
    const sent: Uint8Array[] = [];
    const out = coalescer((b) => sent.push(b));
    out.push(bytes(16, 1));
    out.push(bytes(27, 2));
    out.push(new Uint8Array(0));
    expect(sent).toEqual([]);
    await new Promise((r) => setTimeout(r, 5));
    expect(sent).toEqual([new Uint8Array([...bytes(16, 1), ...bytes(27, 2)])]);
  });

  it("sends at once when COALESCE_BYTES are held, and the rest at the end", () => {
    const sent: Uint8Array[] = [];
    const out = coalescer((b) => sent.push(b));
    out.push(bytes(COALESCE_BYTES - 1));
    out.push(bytes(2));
    expect(sent.map((b) => b.byteLength)).toEqual([COALESCE_BYTES + 1]);
    out.push(bytes(5));
    out.flush();
    expect(sent.map((b) => b.byteLength)).toEqual([COALESCE_BYTES + 1, 5]);
  });

  it("sends nothing after the end, even from a timer set before it", async () => {
    const sent: Uint8Array[] = [];
    const out = coalescer((b) => sent.push(b));
    out.push(bytes(3));
    out.flush();
    out.push(bytes(3));
    await new Promise((r) => setTimeout(r, 5));
    expect(sent.map((b) => b.byteLength)).toEqual([3]);
  });
});

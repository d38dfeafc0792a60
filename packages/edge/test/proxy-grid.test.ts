import { afterEach, describe, expect, it } from "vitest";
import { displayOrder, type Grid } from "../src/proxy/grid";
import { marker } from "../src/proxy/markers";
import { MAX_GRID_BYTES, spliceGrids } from "../src/proxy/splice";
import { html, navigate, origin, proxiedShop } from "./proxy-origin";

let restore = () => {};
afterEach(() => restore());

const N = "0123456789ab";
const grid = (order: number[] | null, variantAttr = ' data-vt-variant="price_desc"'): Grid => ({ ignored: false, cards: [], open: null, broken: order === null, order, variantAttr });

/** Runs `text` through the splicer in chunks cut at `cuts`, and returns what comes out. */
async function splice(text: string, grids: Grid[], cuts: number[] = []): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const edges = [0, ...cuts.filter((c) => c > 0 && c < bytes.length), bytes.length];
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 1; i < edges.length; i++) controller.enqueue(bytes.slice(edges[i - 1], edges[i]));
      controller.close();
    },
  });
  return new Response(source.pipeThrough(spliceGrids(N, () => grids))).text();
}

const marked = `<p>before</p>${marker(N, "s", 0)}<ul data-vt-sort data-vt-variant="price_desc">
${marker(N, "a", 0, 0)}<li>A</li>${marker(N, "b", 0, 0)}
${marker(N, "a", 0, 1)}<li>B</li>${marker(N, "b", 0, 1)}
${marker(N, "a", 0, 2)}<li>C</li>${marker(N, "b", 0, 2)}
</ul>${marker(N, "e", 0)}<p>after</p>`;

describe("spliceGrids", () => {
  it("reorders the children between the markers, keeps what lies between them in place, and removes every marker", async () => {
    expect(await splice(marked, [grid([2, 0, 1])])).toBe(`<p>before</p><ul data-vt-sort data-vt-variant="price_desc">
<li>C</li>
<li>A</li>
<li>B</li>
</ul><p>after</p>`);
  });

  it("gives the same answer wherever the stream is cut, markers split across chunks included", async () => {
    const whole = await splice(marked, [grid([2, 0, 1])]);
    for (let cut = 1; cut < marked.length; cut++) expect(await splice(marked, [grid([2, 0, 1])], [cut])).toBe(whole);
    expect(await splice(marked, [grid([2, 0, 1])], Array.from({ length: marked.length }, (_, i) => i))).toBe(whole);
  });

  it("keeps page order, and takes its variant mark back out, when the grid was found broken", async () => {
    expect(await splice(marked, [grid(null)])).toBe(`<p>before</p><ul data-vt-sort>
<li>A</li>
<li>B</li>
<li>C</li>
</ul><p>after</p>`);
  });

  it("keeps page order when markers are out of place or the stream ends inside the grid", async () => {
    const missingEnd = marked.replace(marker(N, "b", 0, 1), "");
    expect(await splice(missingEnd, [grid([2, 0, 1])])).not.toContain("<!--vt:");
    expect((await splice(missingEnd, [grid([2, 0, 1])])).indexOf("<li>A</li>")).toBeLessThan((await splice(missingEnd, [grid([2, 0, 1])])).indexOf("<li>C</li>"));
    const truncated = marked.slice(0, marked.indexOf(marker(N, "e", 0)) - 10);
    expect(await splice(truncated, [grid([2, 0, 1])])).toBe(truncated.replace(/<!--vt:[^>]*-->/g, "").replace(' data-vt-variant="price_desc"', ""));
  });

  it("leaves look-alike comments with another nonce, and text that is not a marker, untouched", async () => {
    const text = `<!--vt:ffffffffffff:s:0:0--><p><!--vt:${N}:x:0:0--> a < b</p>`;
    expect(await splice(text, [])).toBe(text);
  });

  it("gives up holding a grid larger than MAX_GRID_BYTES and streams it on in page order", async () => {
    const big = "x".repeat(MAX_GRID_BYTES + 10);
    const text = `${marker(N, "s", 0)}<ul>${marker(N, "a", 0, 0)}<li>${big}</li>${marker(N, "b", 0, 0)}${marker(N, "a", 0, 1)}<li>B</li>${marker(N, "b", 0, 1)}</ul>${marker(N, "e", 0)}`;
    const out = await splice(text, [grid([1, 0], "")], [1000, 100_000, MAX_GRID_BYTES - 5]);
    expect(out).toBe(`<ul><li>${big}</li><li>B</li></ul>`);
  });
});

describe("displayOrder", () => {
  it("orders cards as sortProducts does and puts children without a sku last, in page order", () => {
    expect(displayOrder([{ sku: "a", price: 10 }, null, { sku: "b", price: 30 }, { sku: "c", price: 20, inStock: false }], { strategy: "price_desc", traits: null })).toEqual([2, 0, 3, 1]);
  });
});

/** A page with only grids, so everything but the grid and the snippet tag must come back as it went. */
const page = (grids: string) => `<!doctype html><html><head><title>t</title></head><body>\n${grids}\n<p>after</p></body></html>`;
const withoutTag = (text: string) => text.replace(/<script src="\/_vt\/v1\/sdk\.js"[^>]*><\/script>/, "");
const cards = `<li data-vt-sku="A" data-vt-price="10">A</li><li data-vt-sku="B" data-vt-price="300">B</li><li data-vt-sku="C" data-vt-price="50">C</li>`;
const everyoneSortsByPrice = {
  experiments: [{ id: "sort-test", name: "Price first", status: "running", targets: ["sort"], arms: [{ id: "control", control: true, weight: 0 }, { id: "price", weight: 1, sort: "price_desc" }] }],
};

describe("grids through the worker", () => {
  it("sorts a well-formed grid (here: an experiment arm that sorts by price)", async () => {
    restore = origin({ "/": () => html(page(`<ul data-vt-sort>${cards}</ul>`)) }).restore;
    const shop = await proxiedShop({}, everyoneSortsByPrice);
    const text = await (await navigate(shop.url("/"))).text();
    expect(withoutTag(text)).toBe(page(`<ul data-vt-sort data-vt-variant="price_desc"><li data-vt-sku="B" data-vt-price="300">B</li><li data-vt-sku="C" data-vt-price="50">C</li><li data-vt-sku="A" data-vt-price="10">A</li></ul>`));
  });

  it.each([
    ["children without end tags", `<ul data-vt-sort><li data-vt-sku="A" data-vt-price="10">A<li data-vt-sku="B" data-vt-price="300">B<li data-vt-sku="C" data-vt-price="50">C</ul>`],
    ["void children", `<div data-vt-sort><img data-vt-sku="A" data-vt-price="10" src="/a.png"><img data-vt-sku="B" data-vt-price="300" src="/b.png"></div>`],
    ["no end tag of its own (closed by </body>)", `<ul data-vt-sort>${cards}`],
  ])("leaves a grid with %s as it came", async (_name, markup) => {
    const original = page(markup);
    restore = origin({ "/": () => html(original) }).restore;
    const shop = await proxiedShop({}, everyoneSortsByPrice);
    const text = await (await navigate(shop.url("/"))).text();
    expect(withoutTag(text)).toBe(original);
  });

  it("leaves a page cut off inside a grid as it came", async () => {
    const original = `<!doctype html><html><head><title>t</title></head><body><ul data-vt-sort>${cards}<li data-vt-sku="D"`;
    restore = origin({ "/": () => html(original) }).restore;
    const shop = await proxiedShop({}, everyoneSortsByPrice);
    const text = await (await navigate(shop.url("/"))).text();
    expect(withoutTag(text)).toBe(original);
  });

  it("sorts the outer grid of nested grids and moves the inner one along as it is", async () => {
    const inner = `<ol data-vt-sort><li data-vt-sku="X" data-vt-price="1">X</li><li data-vt-sku="Y" data-vt-price="2">Y</li></ol>`;
    restore = origin({ "/": () => html(page(`<ul data-vt-sort><li data-vt-sku="A" data-vt-price="10">${inner}</li><li data-vt-sku="B" data-vt-price="300">B</li></ul>`)) }).restore;
    const shop = await proxiedShop({}, everyoneSortsByPrice);
    const text = withoutTag(await (await navigate(shop.url("/"))).text());
    expect(text).toBe(page(`<ul data-vt-sort data-vt-variant="price_desc"><li data-vt-sku="B" data-vt-price="300">B</li><li data-vt-sku="A" data-vt-price="10">${inner}</li></ul>`));
  });

  it("sorts every grid of a page on its own", async () => {
    const two = `<ul data-vt-sort>${cards}</ul><p>between</p><ul data-vt-sort><li data-vt-sku="D" data-vt-price="1">D</li><li data-vt-sku="E" data-vt-price="2">E</li></ul>`;
    restore = origin({ "/": () => html(page(two)) }).restore;
    const shop = await proxiedShop({}, everyoneSortsByPrice);
    const text = withoutTag(await (await navigate(shop.url("/"))).text());
    expect([...text.matchAll(/data-vt-sku="(\w)"/g)].map((m) => m[1])).toEqual(["B", "C", "A", "E", "D"]);
  });
});

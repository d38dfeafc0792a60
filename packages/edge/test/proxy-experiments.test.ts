import { afterEach, describe, expect, it } from "vitest";
import { decide, newVisitor, workerEnv } from "./helpers";
import { html, navigate, origin, proxiedShop, shopPage, visitorCookie, heroTest, productPage } from "./proxy-origin";

let restore = () => {};
afterEach(() => restore());



/** The visitor's stored arms, once the page's exposures (recorded after the response) are in. */
async function armsOf(site: string, visitor: string, until: (a: { experiment: string; arm: string; exposedAt: number | null }[]) => boolean) {
  const stub = workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`${site}:${visitor}`));
  for (let i = 0; i < 40; i++) {
    const { assignments } = await stub.snapshot();
    if (until(assignments)) return assignments;
    await new Promise((r) => setTimeout(r, 25));
  }
  return (await stub.snapshot()).assignments;
}

describe("experiments in proxy mode", () => {
  it("serves the arm's hero in the HTML and records the exposure once, when the page carries the slot", async () => {
    restore = origin({ "/": () => html(shopPage()), "/p/NC-100/": () => html(productPage) }).restore;
    const shop = await proxiedShop({}, heroTest);
    const served = new Map<string, string>();
    for (let i = 0; i < 12 && served.size < 2; i++) {
      const res = await navigate(shop.url("/p/NC-100/"));
      await res.text();
      const visitor = visitorCookie(res)!;
      // No hero on a product page: a first page that shows no experiment stores nothing (proxy-limits.test.ts).
      const page = await (await navigate(shop.url("/"), { cookie: `vt_id=${visitor}` })).text();
      const exposed = await armsOf(shop.site, visitor, (a) => a[0]?.exposedAt != null);
      expect(exposed).toEqual([expect.objectContaining({ experiment: "hero-test" })]);
      const arm = exposed[0]!.arm;
      served.set(arm, /data-vt-slot="hero" data-vt-variant="([^"]+)"/.exec(page)![1]!);
      const at = exposed[0]!.exposedAt;
      expect(at).not.toBeNull();

      // The snippet's own decide on that page (client mode) sees the same arm and exposes nothing again.
      const again = await decide({ site: shop.site, visitor, slots: ["hero"] });
      expect(again.experiments).toContainEqual({ id: "hero-test", arm });
      expect((await armsOf(shop.site, visitor, () => true))[0]!.exposedAt).toBe(at);
    }
    expect(served).toEqual(new Map([["control", "default"], ["mens", "mens"]]));
  });

  it("gives a visitor the arm client mode gives the same id", async () => {
    restore = origin({ "/": () => html(shopPage()) }).restore;
    const shop = await proxiedShop({}, heroTest);
    for (let i = 0; i < 6; i++) {
      const visitor = newVisitor("same");
      const client = await decide({ site: shop.site, visitor: `${visitor}c` });
      const page = await (await navigate(shop.url("/"), { cookie: `vt_id=${visitor}c` })).text();
      expect(page).toContain(`data-vt-slot="hero" data-vt-variant="${client.hero.variant}"`);
    }
  });
});

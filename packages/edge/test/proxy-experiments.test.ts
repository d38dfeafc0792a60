import { afterEach, describe, expect, it, vi } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import type { ExperimentResults } from "../src/experiments/results";
import { ADMIN, call, decide, ev, newVisitor, trustedOrders, workerEnv } from "./helpers";
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

  it("fills a cart reminder from the visitor's cart, and sends their spend before the experiment with the exposure", async () => {
    const reminder = `<aside data-vt-slot="cart-reminder" hidden><strong data-vt-headline></strong> <p data-vt-text></p></aside>`;
    restore = origin({ "/": () => html(shopPage(reminder)) }).restore;
    const slots = { ...demoConfig.slots, "cart-reminder": { ...demoConfig.slots["cart-reminder"], default: "your-cart" } };
    const shop = await proxiedShop({}, { ...heroTest, slots });
    const visitor = newVisitor("pxcart");
    // A customer who ordered for $80 yesterday, then put a product in the cart today.
    await trustedOrders(shop.site, [{ visitor, id: "before-1", total: 80, ts: Date.now() - 86_400_000 }]);
    const added = await call("POST", "/v1/collect", { site: shop.site, visitor, events: [ev("add_to_cart", { product: { sku: "NC-100", price: 349, name: "Harbor ANC" } })] });
    expect(added.status).toBe(202);

    const page = await (await navigate(shop.url("/"), { cookie: `vt_id=${visitor}` })).text();
    expect(page).toContain('data-vt-slot="cart-reminder" data-vt-variant="your-cart"');
    expect(page).toContain("Still thinking about Harbor ANC?");
    const results = async () => (await (await call("GET", `/v1/sites/${shop.site}/experiments/hero-test/results`, undefined, { headers: ADMIN })).json()) as ExperimentResults;
    await vi.waitFor(
      async () => {
        const exposed = (await results()).arms.filter((arm) => arm.visitors === 1);
        expect(exposed).toHaveLength(1);
        expect(exposed[0]!.preSpend).toBe(80);
      },
      { timeout: 15_000, interval: 300 },
    );
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

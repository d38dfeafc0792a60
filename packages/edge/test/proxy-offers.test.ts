import { afterEach, describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call } from "./helpers";
import { html, navigate, origin, proxiedShop, shopPage, visitorCookie } from "./proxy-origin";

let restore = () => {};
afterEach(() => restore());

/** The demo's slots with the offer slot giving single-use codes from pool "px-codes" to everyone. */
const giveaway = {
  slots: {
    ...demoConfig.slots,
    offer: { variants: { code: { headline: "Yours", offer: { pool: "px-codes" } } }, rules: [], default: "code" },
  },
  experiments: [],
};
const page = shopPage(`<aside data-vt-slot="offer" hidden><strong data-vt-headline></strong> <code data-vt-code></code></aside>`);

describe("single-use offer codes in proxy mode", () => {
  it("draws no code for cookieless first pages, and one for a visitor with a cookie", async () => {
    restore = origin({ "/": () => html(page) }).restore;
    const shop = await proxiedShop({}, giveaway);
    await call("PUT", `/v1/sites/${shop.site}/offers/px-codes`, { codes: ["PX-1", "PX-2", "PX-3"] }, { headers: ADMIN });
    const status = async () => (await call("GET", `/v1/sites/${shop.site}/offers/px-codes`, undefined, { headers: ADMIN })).json();
    // A client without cookies: a new id per page. Before, these three pages drew the whole pool.
    let visitor: string | undefined;
    for (let i = 0; i < 3; i++) {
      const res = await navigate(shop.url("/"));
      expect(await res.text()).not.toMatch(/PX-\d/);
      visitor = visitorCookie(res);
    }
    expect(await status()).toEqual({ total: 3, assigned: 0, left: 3 });
    // The same browser coming back with its cookie is a visitor the pool can hold to one code.
    const back = await (await navigate(shop.url("/"), { cookie: `vt_id=${visitor}` })).text();
    expect(back).toContain("PX-1");
    expect(await (await navigate(shop.url("/"), { cookie: `vt_id=${visitor}` })).text()).toContain("PX-1");
    expect(await status()).toEqual({ total: 3, assigned: 1, left: 2 });
  });
});

import { describe, expect, it } from "vitest";
import { pageKind } from "./session";

describe("pageKind", () => {
  it.each([
    ["https://shop.test/account", "account"],
    ["https://shop.test/account/login?return_url=/cart", "account"],
    ["https://shop.test/my-account/", "account"],
    ["https://shop.test/customer/account/login/", "account"],
    ["https://shop.test/login.php", "account"],
    ["https://shop.test/en/orders/123", "account"],
    ["https://shop.test/pages/contact", "info"],
    ["https://shop.test/pages/about-us", "info"],
    ["https://shop.test/policies/refund-policy", "info"],
    ["https://shop.test/shipping-returns/", "info"],
    ["https://shop.test/faq", "info"],
    ["https://shop.test/", undefined],
    ["https://shop.test/c/headphones", undefined],
    ["https://shop.test/c/headphones/noise-canceling/returns", undefined],
    ["https://shop.test/p/contact-lens-case", undefined],
    ["not a url", undefined],
    [undefined, undefined],
  ])("%s → %s", (url, kind) => {
    expect(pageKind(url)).toBe(kind);
  });
});

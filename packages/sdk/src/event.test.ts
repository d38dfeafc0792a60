import { describe, expect, it } from "vitest";
import { toEvent } from "./event";

describe("toEvent", () => {
  it("turns the flat purchase shorthand into an order, keeping none of its keys (the worker refuses unknown ones)", () => {
    expect(JSON.parse(JSON.stringify(toEvent("purchase", { orderId: "A-1", total: "349.00", coupon: "SPRING", skus: ["NC-100"], currency: "EUR" })))).toEqual({
      type: "purchase",
      order: { id: "A-1", total: 349, coupon: "SPRING", skus: ["NC-100"], currency: "EUR" },
    });
  });

  it("turns sku and price into a product, with the category path", () => {
    expect(toEvent("add_to_cart", { sku: "NC-100", price: 349, currency: "USD", category: "Headphones > Noise-Canceling" })).toEqual({
      type: "add_to_cart",
      categories: ["Headphones", "Noise-Canceling"],
      product: { sku: "NC-100", price: 349, currency: "USD", categories: ["Headphones", "Noise-Canceling"] },
    });
  });

  it("passes the event's own fields through", () => {
    const order = { id: "A-2", total: 20 };
    expect(toEvent("purchase", { order })).toMatchObject({ type: "purchase", order });
    expect(toEvent("search", { query: "anc headphones" })).toMatchObject({ type: "search", query: "anc headphones" });
  });

  it("drops a product whose price is not a number", () => {
    expect(toEvent("add_to_cart", { sku: "NC-100", price: "call us" }).product).toBeUndefined();
  });

  it("lets the type win over a type in the props", () => {
    expect(toEvent("checkout", { type: "purchase" } as never).type).toBe("checkout");
  });
});

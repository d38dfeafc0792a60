import { describe, expect, it, vi } from "vitest";

// The contract's limits, shrunk: the snippet must trim to whatever packages/shared says, not to
// numbers of its own.
vi.mock("@vitrine/shared/limits", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@vitrine/shared/limits")>()),
  MAX_URL_LENGTH: 30,
  MAX_ID_LENGTH: 3,
  MAX_CATEGORY_LENGTH: 4,
  MAX_EVENT_CATEGORIES: 2,
  MAX_CARD_CATEGORIES: 1,
}));

const { split, product } = await import("./fields");
const { scrub } = await import("./scrub");
const { toCard } = await import("./page");

describe("the snippet's trimming follows packages/shared's limits", () => {
  it("category names and paths", () => {
    expect(split("Headphones > Noise-Canceling > In-ear")).toEqual(["Head", "Nois"]);
  });

  it("skus", () => {
    expect(product("NC-100", 1)?.sku).toBe("NC-");
  });

  it("URLs", () => {
    expect(scrub("https://shop.example/p/nc-100?colour=black")).toHaveLength(30);
  });

  it("product cards", () => {
    expect(toCard({ vtSku: "NC-100", vtPrice: "349", vtCategory: "Headphones > Noise-Canceling" })).toEqual({
      sku: "NC-",
      price: 349,
      categories: ["Head"],
      inStock: true,
      addedAt: undefined,
    });
  });
});


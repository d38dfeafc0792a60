import { html } from "../html.mjs";
import { layout } from "../layout.mjs";
import { productGrid } from "../components.mjs";

/**
 * `/search/?q=…` — every product in a sortable grid; /js/shop.js hides those the query misses,
 * so the snippet can re-order the same markup it finds on category pages.
 * @example searchPage(ctx).path // "/search/"
 */
export function searchPage(ctx) {
  const body = html`<header class="page-head">
  <h1 data-search-title>All products</h1>
  <p data-search-count>${ctx.products.length} products</p>
</header>
<p class="empty" data-search-empty hidden>Nothing matches that search. Try “headphones”, “silk” or “boots”.</p>
${productGrid(ctx.products, ctx.newest, "Search results")}`;
  return {
    path: "/search/",
    html: layout({ ...ctx, title: "Search", description: `Search all ${ctx.products.length} products.`, body }),
  };
}

/**
 * The frame every page shares: head (with the Vitrine snippet), header, footer.
 */
import { html } from "./html.mjs";

const SEARCH_ICON = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" stroke-width="2"/><path d="m20 20-4-4" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>`;
const BAG_ICON = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M5 8h14l-1 12H6z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M9 8V6a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="2"/></svg>`;

/**
 * A complete HTML document.
 * @param {{ shop: string, title: string, description: string, nav: {name: string, url: string}[], body: unknown, head?: unknown, footer?: unknown, current?: string }} page
 * @example layout({ shop, title: "Cart", description: "Your cart", nav, body: html`<h1>Cart</h1>` })
 */
export function layout({ shop, title, description, nav, body, head, footer, current }) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title === shop ? shop : `${title} · ${shop}`}</title>
<meta name="description" content="${description}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/css/shop.css">
<script src="/v1/sdk.js" data-site="demo" async></script>
<script src="/js/shop.js" defer></script>
${head}
</head>
<body>
<div class="announce">Free shipping over $75 · 60-day returns · <strong>A Vitrine demo store</strong></div>
<header class="site-header">
  <div class="wrap header-row">
    <a class="logo" href="/">Harbor<span>Goods</span></a>
    <nav class="main-nav" aria-label="Categories">
      ${nav.map((item) => html`<a href="${item.url}"${current === item.url ? html` aria-current="page"` : ""}>${item.name}</a>`)}
    </nav>
    <form class="search" action="/search/" method="get" role="search">
      <input type="search" name="q" placeholder="Search products" aria-label="Search products" autocomplete="off">
      <button type="submit" aria-label="Search">${SEARCH_ICON}</button>
    </form>
    <a class="cart-link" href="/cart/" aria-label="Cart">${BAG_ICON}<span class="cart-count" data-cart-count hidden>0</span></a>
  </div>
</header>
<main class="wrap">
${body}
</main>
<footer class="site-footer">
  <div class="wrap footer-grid">
    ${footer}
    <div>
      <h2>Shop</h2>
      <ul>${nav.map((item) => html`<li><a href="${item.url}">${item.name}</a></li>`)}<li><a href="/search/">All products</a></li></ul>
    </div>
    <div>
      <h2>About this shop</h2>
      <p>${shop} is the demo store of Vitrine, an open-source on-site personalization SDK. Nothing here is for sale; orders stay in your browser.</p>
    </div>
  </div>
</footer>
</body>
</html>
`;
}

/**
 * Pieces several pages share: product cards, grids, breadcrumbs.
 */
import { html, jsonScript } from "./html.mjs";
import { categoryUrl, formatPrice, productUrl } from "./catalog.mjs";

/** Days a product counts as new, measured back from the newest product (keeps builds reproducible). */
const NEW_DAYS = 45;

/** True when the product arrived within NEW_DAYS of the catalog's newest product. */
export function isNew(product, newest) {
  return Date.parse(newest) - Date.parse(product.addedAt) <= NEW_DAYS * 86_400_000;
}

/**
 * One card of a `data-vt-sort` grid, carrying what the snippet sorts by.
 * @example productCard(product, "2026-11-16")
 */
export function productCard(product, newest) {
  const out = !product.inStock;
  return html`<li class="card" data-vt-sku="${product.sku}" data-vt-price="${product.price.toFixed(2)}" data-vt-category="${product.category.join(" > ")}" data-vt-added="${product.addedAt}"${out ? html` data-vt-stock="out"` : ""}>
  <a href="${productUrl(product)}">
    <span class="card-media"><img src="${product.image}" alt="${product.name}" width="600" height="600" loading="lazy">${out ? html`<span class="badge badge-out">Sold out</span>` : isNew(product, newest) ? html`<span class="badge">New</span>` : ""}</span>
    <span class="card-cat">${product.category.at(-1)}</span>
    <span class="card-name">${product.name}</span>
    <span class="card-price">${formatPrice(product.price, product.currency)}</span>
  </a>
</li>`;
}

/** A product grid the snippet may re-order. */
export function productGrid(products, newest, label) {
  return html`<ul class="grid" data-vt-sort aria-label="${label}">
${products.map((product) => [productCard(product, newest), "\n"])}</ul>`;
}

/** Home › … crumbs as (name, url) pairs; the last one is the current page. */
export function crumbs(path, last) {
  const trail = [{ name: "Home", url: "/" }, ...path.map((name, i) => ({ name, url: categoryUrl(path.slice(0, i + 1)) }))];
  return last ? [...trail, last] : trail;
}

/** The visible breadcrumb navigation. */
export function breadcrumbNav(trail) {
  return html`<nav class="crumbs" aria-label="Breadcrumb"><ol>${trail.map((crumb, i) =>
    i === trail.length - 1 ? html`<li aria-current="page">${crumb.name}</li>` : html`<li><a href="${crumb.url}">${crumb.name}</a></li>`,
  )}</ol></nav>`;
}

/** schema.org BreadcrumbList for the same trail (without `@context` when it sits in an `@graph`). */
export function breadcrumbLd(trail, withContext = true) {
  return {
    ...(withContext ? { "@context": "https://schema.org" } : {}),
    "@type": "BreadcrumbList",
    itemListElement: trail.map((crumb, i) => ({ "@type": "ListItem", position: i + 1, name: crumb.name, item: crumb.url })),
  };
}

export { jsonScript };

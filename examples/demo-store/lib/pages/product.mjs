import { html } from "../html.mjs";
import { layout } from "../layout.mjs";
import { breadcrumbLd, breadcrumbNav, crumbs, jsonScript, productGrid } from "../components.mjs";
import { formatPrice, productUrl } from "../catalog.mjs";

/** schema.org Product, the way shop themes emit it (prices as strings, relative URLs). */
function productLd(product, shop, withContext) {
  return {
    ...(withContext ? { "@context": "https://schema.org" } : {}),
    "@type": "Product",
    name: product.name,
    sku: product.sku,
    image: product.image,
    description: product.description,
    category: product.category.join(" > "),
    brand: { "@type": "Brand", name: shop },
    offers: {
      "@type": "Offer",
      url: productUrl(product),
      price: product.price.toFixed(2),
      priceCurrency: product.currency,
      availability: product.inStock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
    },
  };
}

/**
 * Themes differ: some put Product and BreadcrumbList in one `@graph`, others emit two scripts.
 * The shop does both (alternating by catalog position) so the snippet is exercised on each.
 */
function structuredData(product, shop, trail, useGraph) {
  if (useGraph) {
    return jsonScript({ "@context": "https://schema.org", "@graph": [productLd(product, shop, false), breadcrumbLd(trail, false)] });
  }
  return html`${jsonScript(productLd(product, shop, true))}
${jsonScript(breadcrumbLd(trail, true))}`;
}

/** Open Graph product tags, which many shops also emit. */
function metaTags(product) {
  return html`<meta property="og:type" content="product">
<meta property="og:title" content="${product.name}">
<meta property="og:image" content="${product.image}">
<meta property="product:price:amount" content="${product.price.toFixed(2)}">
<meta property="product:price:currency" content="${product.currency}">`;
}

/**
 * `/p/<sku>/` — one product with its structured data and an "Add to cart" button.
 * @example productPage(ctx, product, 0).path // "/p/NC-100/"
 */
export function productPage(ctx, product, index) {
  const trail = crumbs(product.category, { name: product.name, url: productUrl(product) });
  const related = ctx.products.filter((p) => p !== product && p.category.join() === product.category.join()).slice(0, 4);
  const body = html`${breadcrumbNav(trail)}
<article class="product">
  <div class="product-media"><img src="${product.image}" alt="${product.name}" width="600" height="600"></div>
  <div class="product-info">
    <p class="eyebrow">${product.category.join(" · ")}</p>
    <h1>${product.name}</h1>
    <p class="price">${formatPrice(product.price, product.currency)}</p>
    <p class="proof" data-vt-slot="pdp-proof" hidden><span data-vt-text></span></p>
    <p class="description">${product.description}</p>
    <p class="stock ${product.inStock ? "in" : "out"}">${product.inStock ? "In stock — ships in 1–2 business days" : "Sold out — back soon"}</p>
    <button class="btn btn-primary" type="button" data-add-to-cart data-sku="${product.sku}" data-name="${product.name}" data-price="${product.price.toFixed(2)}" data-currency="${product.currency}" data-categories="${JSON.stringify(product.category)}" data-image="${product.image}"${product.inStock ? "" : html` disabled`}>${product.inStock ? "Add to cart" : "Sold out"}</button>
    <p class="added" data-added-note hidden role="status">Added to your cart. <a href="/cart/">View cart →</a></p>
    <ul class="assurances"><li>Free shipping over $75</li><li>60-day returns</li><li>2-year warranty</li></ul>
  </div>
</article>
${related.length ? html`<section class="section">
  <div class="section-head"><h2>More in ${product.category.at(-1)}</h2></div>
  ${productGrid(related, ctx.newest, `More in ${product.category.at(-1)}`)}
</section>` : ""}`;
  return {
    path: productUrl(product),
    html: layout({
      ...ctx,
      title: product.name,
      description: product.description,
      head: html`${metaTags(product)}
${structuredData(product, ctx.shop, trail, index % 2 === 0)}`,
      body,
      current: ctx.nav.find((item) => item.name === product.category[0])?.url,
    }),
  };
}

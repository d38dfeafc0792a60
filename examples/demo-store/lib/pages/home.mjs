import { html } from "../html.mjs";
import { layout } from "../layout.mjs";
import { productGrid } from "../components.mjs";
import { categoryUrl } from "../catalog.mjs";

/** SKUs the merchant features on the home page, in their chosen order. */
const FEATURED = ["NC-100", "BT-400", "WD-200", "MJ-200", "KT-200", "NC-999", "MS-100", "WS-300"];

/** The default hero, straight from the site config so the page and the config never disagree. */
function hero(variant) {
  return html`<section class="hero" data-vt-slot="hero">
  <img data-vt-image src="${variant.image}" alt="${variant.alt}" width="1200" height="480">
  <div class="hero-copy">
    <h1 data-vt-headline>${variant.headline}</h1>
    <p data-vt-subhead>${variant.subhead ?? ""}</p>
    <a data-vt-cta class="btn btn-light" href="${variant.cta?.href ?? "/search/"}">${variant.cta?.label ?? "Shop now"}</a>
  </div>
</section>`;
}

/**
 * The offer slot, hidden until a decision fills it: headline, text, the coupon code
 * (`data-vt-code`) and a countdown to the offer's end (`data-vt-countdown`), both filled by the
 * snippet's lazy part.
 */
const offerSlot = html`<aside class="offer-banner" data-vt-slot="offer" hidden aria-live="polite">
  <div><strong data-vt-headline></strong> <span data-vt-text></span></div>
  <div class="offer-code">Code <code data-vt-code></code> · ends in <b data-vt-countdown></b></div>
  <a data-vt-cta class="btn btn-primary" href="/search/">Shop now</a>
</aside>`;

/** The cart reminder slot: the worker writes the visitor's own items into its headline and text. */
const reminderSlot = html`<aside class="cart-reminder" data-vt-slot="cart-reminder" hidden>
  <div><strong data-vt-headline></strong> <span data-vt-text></span></div>
  <a data-vt-cta class="btn btn-light" href="/cart/">View cart</a>
</aside>`;

/** Category tiles, each pictured with the hero variant that category's fans are shown. */
const TILES = [
  { variant: "noise-canceling", name: "Noise-canceling", path: ["Headphones", "Noise-Canceling"] },
  { variant: "bluetooth", name: "Bluetooth", path: ["Headphones", "Bluetooth"] },
  { variant: "mens", name: "Men's", path: ["Men's"] },
  { variant: "womens", name: "Women's", path: ["Women's"] },
  { variant: "kids", name: "Kids", path: ["Kids"] },
];

function tiles(heroes) {
  return html`<section class="tiles" aria-label="Shop by category">
${TILES.filter((tile) => heroes[tile.variant]).map(
  (tile) => html`  <a class="tile" href="${categoryUrl(tile.path)}"><img src="${heroes[tile.variant].image}" alt="" width="1200" height="480" loading="lazy"><span>${tile.name}</span></a>\n`,
)}</section>`;
}

/**
 * `/` — hero, category tiles, featured products and the "why am I seeing this?" box.
 * @example homePage(ctx).path // "/"
 */
export function homePage(ctx) {
  const featured = FEATURED.map((sku) => ctx.products.find((p) => p.sku === sku)).filter(Boolean);
  const body = html`${hero(ctx.config.heroes[ctx.config.defaultHero])}
${offerSlot}
${reminderSlot}
${tiles(ctx.config.heroes)}
<section class="section">
  <div class="section-head"><h2>Featured this week</h2><a href="/search/">All products →</a></div>
  ${productGrid(featured, ctx.newest, "Featured products")}
</section>
<section class="perks" aria-label="Why shop with us">
  <div><strong>Free shipping</strong><span>on orders over $75</span></div>
  <div><strong>60-day returns</strong><span>no questions asked</span></div>
  <div><strong>Made to last</strong><span>repairs for life on outerwear</span></div>
</section>`;
  const explain = html`<section class="explain" aria-label="Why am I seeing this?">
  <h2>Why am I seeing this?</h2>
  <div data-vt-explain><p>You're seeing the default shop window: nothing about your visit has been used to change it.</p></div>
</section>`;
  return {
    path: "/",
    html: layout({ ...ctx, title: ctx.shop, description: "Headphones, outerwear, dresses and toys made to last.", body, footer: explain, current: "/" }),
  };
}

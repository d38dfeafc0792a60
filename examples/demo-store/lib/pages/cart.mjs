import { html } from "../html.mjs";
import { layout } from "../layout.mjs";

/**
 * `/cart/` — the cart kept in localStorage, filled in by /js/shop.js, and a one-click checkout.
 * @example cartPage(ctx).path // "/cart/"
 */
export function cartPage(ctx) {
  const body = html`<header class="page-head"><h1>Your cart</h1></header>
<div class="cart" data-cart>
  <p class="empty" data-cart-empty>Your cart is empty. <a href="/c/headphones/">Start with headphones →</a></p>
  <div class="cart-layout" data-cart-full hidden>
    <ul class="cart-lines" data-cart-lines></ul>
    <aside class="summary">
      <h2>Order summary</h2>
      <dl>
        <div><dt>Subtotal</dt><dd data-cart-subtotal></dd></div>
        <div data-cart-discount-row hidden><dt>Discount</dt><dd data-cart-discount></dd></div>
        <div><dt>Shipping</dt><dd data-cart-shipping></dd></div>
        <div class="total"><dt>Total</dt><dd data-cart-total></dd></div>
      </dl>
      <form class="coupon" data-coupon-form>
        <input name="coupon" placeholder="Coupon code" aria-label="Coupon code" autocomplete="off">
        <button class="btn" type="submit">Apply</button>
      </form>
      <p class="coupon-note" data-coupon-note role="status"></p>
      <button class="btn btn-primary btn-block" type="button" data-place-order>Place order</button>
      <p class="fineprint">Demo checkout: no payment is taken and nothing is shipped.</p>
    </aside>
  </div>
  <section class="confirmation" data-confirmation hidden role="status">
    <h2>Thank you! Your order is placed.</h2>
    <p>Order <strong data-order-id></strong> · <span data-order-total></span></p>
    <a class="btn" href="/">Back to the shop</a>
  </section>
  <noscript><p>The cart needs JavaScript, which is switched off in this browser.</p></noscript>
</div>`;
  return {
    path: "/cart/",
    html: layout({ ...ctx, title: "Cart", description: "Your cart and checkout.", body }),
  };
}

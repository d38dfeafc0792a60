// Harbor Goods: the cart (localStorage), the demo checkout and client-side search.
// Vitrine is optional here: every call is guarded, so the shop works without the snippet.
(function () {
  "use strict";
  var CART = "harbor-cart";
  var COUPON = "harbor-coupon";
  // EVENING20 is the evening offer's shared code; VIP-… codes are the single-use codes of the VIP offer's pool.
  var COUPONS = { WELCOME10: 0.1, EVENING20: 0.2 };
  function rate(code) {
    return Object.prototype.hasOwnProperty.call(COUPONS, code) ? COUPONS[code] : /^VIP-[A-Z0-9]{4,}$/.test(code) ? 0.15 : 0;
  }
  var FREE_SHIPPING = 75;
  var SHIPPING = 6;

  function track(type, data) {
    try {
      window.vitrine && vitrine.track(type, data);
    } catch (e) {
      // Personalization must never break shopping.
    }
  }
  function load(key, fallback) {
    try {
      return JSON.parse(localStorage.getItem(key)) || fallback;
    } catch (e) {
      return fallback;
    }
  }
  function save(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {}
  }
  function money(amount) {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(amount);
  }
  function $(selector, root) {
    return (root || document).querySelector(selector);
  }

  function showCount() {
    var count = load(CART, []).reduce(function (n, line) { return n + line.qty; }, 0);
    var badge = $("[data-cart-count]");
    if (badge) {
      badge.textContent = count;
      badge.hidden = count === 0;
    }
  }

  function addToCart(button) {
    var d = button.dataset;
    var product = { sku: d.sku, name: d.name, price: Number(d.price), currency: d.currency, categories: JSON.parse(d.categories) };
    var cart = load(CART, []);
    var line = cart.find(function (l) { return l.sku === product.sku; });
    if (line) line.qty += 1;
    else cart.push({ sku: d.sku, name: d.name, price: product.price, currency: d.currency, image: d.image, qty: 1 });
    save(CART, cart);
    showCount();
    var note = $("[data-added-note]");
    if (note) note.hidden = false;
    track("add_to_cart", { product: product });
  }

  function totals(cart) {
    var subtotal = cart.reduce(function (sum, l) { return sum + l.price * l.qty; }, 0);
    var code = load(COUPON, "");
    var discount = Math.round(subtotal * (rate(code)) * 100) / 100;
    var shipping = subtotal - discount >= FREE_SHIPPING || subtotal === 0 ? 0 : SHIPPING;
    return { subtotal: subtotal, coupon: code, discount: discount, shipping: shipping, total: Math.round((subtotal - discount + shipping) * 100) / 100 };
  }

  function renderCart(root) {
    var cart = load(CART, []);
    var t = totals(cart);
    $("[data-cart-empty]", root).hidden = cart.length > 0;
    $("[data-cart-full]", root).hidden = cart.length === 0;
    var list = $("[data-cart-lines]", root);
    list.textContent = "";
    cart.forEach(function (line) {
      var li = document.createElement("li");
      li.className = "cart-line";
      li.innerHTML = '<img width="88" height="88" alt=""><div><a></a><div class="qty"></div><button type="button">Remove</button></div><strong></strong>';
      li.querySelector("img").src = line.image;
      li.querySelector("a").href = "/p/" + encodeURIComponent(line.sku) + "/";
      li.querySelector("a").textContent = line.name;
      li.querySelector(".qty").textContent = "Qty " + line.qty + " × " + money(line.price);
      li.querySelector("strong").textContent = money(line.price * line.qty);
      li.querySelector("button").onclick = function () {
        save(CART, load(CART, []).filter(function (l) { return l.sku !== line.sku; }));
        showCount();
        renderCart(root);
      };
      list.appendChild(li);
    });
    $("[data-cart-subtotal]", root).textContent = money(t.subtotal);
    $("[data-cart-discount-row]", root).hidden = !t.discount;
    $("[data-cart-discount]", root).textContent = "−" + money(t.discount) + " (" + t.coupon + ")";
    $("[data-cart-shipping]", root).textContent = t.shipping ? money(t.shipping) : "Free";
    $("[data-cart-total]", root).textContent = money(t.total);
  }

  function placeOrder(root) {
    var cart = load(CART, []);
    if (!cart.length) return;
    var t = totals(cart);
    var order = { id: "HG-" + Date.now().toString(36).toUpperCase(), total: t.total, currency: "USD", skus: cart.map(function (l) { return l.sku; }) };
    if (t.coupon) order.coupon = t.coupon;
    track("purchase", { order: order });
    save(CART, []);
    save(COUPON, "");
    showCount();
    $("[data-cart-empty]", root).hidden = true;
    $("[data-cart-full]", root).hidden = true;
    $("[data-order-id]", root).textContent = order.id;
    $("[data-order-total]", root).textContent = money(order.total);
    $("[data-confirmation]", root).hidden = false;
  }

  function setUpCart(root) {
    renderCart(root);
    if (load(CART, []).length) track("checkout", {});
    $("[data-place-order]", root).addEventListener("click", function () { placeOrder(root); });
    $("[data-coupon-form]", root).addEventListener("submit", function (event) {
      event.preventDefault();
      var code = String(event.target.coupon.value || "").trim().toUpperCase();
      var known = rate(code) > 0;
      save(COUPON, known ? code : "");
      $("[data-coupon-note]", root).textContent = known ? code + " applied: " + rate(code) * 100 + "% off." : "That code isn't valid. Try WELCOME10.";
      renderCart(root);
    });
  }

  function setUpSearch() {
    var query = (new URLSearchParams(location.search).get("q") || "").trim();
    var input = $(".search input");
    if (input) input.value = query;
    if (!query) return;
    var terms = query.toLowerCase().split(/\s+/).map(function (w) { return w.replace(/s$/, ""); });
    var shown = 0;
    document.querySelectorAll(".grid > li").forEach(function (li) {
      var text = (li.textContent + " " + li.dataset.vtSku + " " + li.dataset.vtCategory).toLowerCase();
      var match = terms.every(function (term) { return text.indexOf(term) !== -1; });
      li.hidden = !match;
      if (match) shown++;
    });
    $("[data-search-title]").textContent = "Results for “" + query + "”";
    $("[data-search-count]").textContent = shown + (shown === 1 ? " product" : " products");
    $("[data-search-empty]").hidden = shown > 0;
    track("search", { query: query });
  }

  showCount();
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-add-to-cart]");
    if (button && !button.disabled) addToCart(button);
  });
  var cart = $("[data-cart]");
  if (cart) setUpCart(cart);
  if ($("[data-search-title]")) setUpSearch();
})();

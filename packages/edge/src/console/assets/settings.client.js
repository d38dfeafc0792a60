// Site settings: its name, the origins allowed to call the worker, and the classifier's knobs.
import { field, h } from "./dom.client.js";
import { checkbox, choice, number, text } from "./bind.client.js";

/** The numeric settings, in the order a merchant meets them, with what each means. */
const NUMBERS = [
  ["sessionMinutes", "Session length (minutes of inactivity)"],
  ["lostAfterDays", "A customer is lost after (days without a visit)"],
  ["interestHalfLifeDays", "Interest half-life (days)"],
  ["topInterests", "Interests an interest condition looks at (1–10)"],
  ["minInterestScore", "Weakest interest score a rule accepts"],
  ["minOrdersForPercentiles", "Orders before the site's own 90th percentiles are used"],
  ["fallbackAovP90", "Big-spender order value until then"],
  ["fallbackSpendP90", "VIP yearly spend until then"],
  ["activeMinOrders", "Orders that make a customer active"],
  ["couponLoverShare", "Share of orders with a coupon for a coupon lover (0–1)"],
  ["couponLoverMinOrders", "Orders before someone can be a coupon lover"],
  ["ttl", "Seconds the browser may reuse a decision"],
];

function originsField(ctx) {
  const area = h("textarea", { rows: "3", spellcheck: "false" }, (ctx.config.origins ?? []).join("\n"));
  area.addEventListener("input", () => {
    ctx.config.origins = area.value.split(/\s+/).filter(Boolean);
    ctx.changed();
  });
  return field("Allowed origins (one per line)", area, { path: "origins", hint: "The shop's addresses, e.g. https://shop.example; only these may call the worker from a browser." });
}

/** The settings section of the editor. */
export function settingsSection(ctx) {
  const settings = ctx.config.settings;
  return h(
    "div",
    {},
    field("Site name", text(ctx, ctx.config, "name", { optional: true }), { path: "name" }),
    originsField(ctx),
    h("div", { class: "grid-fields" }, NUMBERS.map(([key, label]) => field(label, number(ctx, settings, key), { path: `settings.${key}` }))),
    field("Purchases count from", choice(ctx, settings, "conversions", [["trusted", "the shop's backend (trusted orders)"], ["browser", "the browser (sites without a backend)"]]), { path: "settings.conversions" }),
    h(
      "div",
      { class: "field check" },
      checkbox(ctx, settings, "allowAutomation", { id: "setting-automation", "data-path": "settings.allowAutomation", "aria-describedby": "setting-automation-hint" }),
      h("label", { for: "setting-automation" }, "Treat automation browsers as visitors"),
      h("p", { class: "hint", id: "setting-automation-hint" }, "Only for a site's own end-to-end tests; never on a live shop."),
    ),
  );
}

// Content slots beyond the hero (`data-vt-slot="<id>"` on the shop's pages): their variants,
// their rules in priority order, and what they show by default (possibly nothing).
import { announce, button, field, h, select } from "./dom.client.js";
import { text } from "./bind.client.js";
import { ruleList } from "./rules.client.js";

const SLUG = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** A small "new id" form: validates the slug locally, then calls `add(id)`. */
function idAdder(label, hint, taken, add) {
  const input = h("input", { type: "text", autocomplete: "off", spellcheck: "false" });
  const problem = h("p", { class: "error", hidden: true });
  const go = () => {
    const id = input.value.trim();
    const reason = !SLUG.test(id) ? "Ids are lowercase slugs: a-z, 0-9, - and _." : taken(id) ? `“${id}” is taken.` : "";
    problem.textContent = reason;
    problem.hidden = !reason;
    if (reason) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    } else add(id);
  };
  input.addEventListener("keydown", (event) => event.key === "Enter" && go());
  const wrap = field(label, input, { hint });
  wrap.append(problem, button(label.replace(/ id$/, "").replace(/^New /, "Add "), go));
  problem.id = `${input.id}-problem`;
  input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby")} ${problem.id}`);
  return h("div", { class: "card add" }, wrap);
}

/** A CTA's two fields for a variant; both empty removes the button. */
function ctaField(ctx, variant, base, key, label) {
  const input = h("input", { type: "text", value: variant.cta?.[key] ?? "", autocomplete: "off" });
  input.addEventListener("input", () => {
    const cta = { label: variant.cta?.label ?? "", href: variant.cta?.href ?? "", [key]: input.value };
    if (cta.label === "" && cta.href === "") delete variant.cta;
    else variant.cta = cta;
    ctx.changed();
  });
  return field(label, input, { path: `${base}.cta.${key}` });
}

function variantCard(ctx, slotId, slot, id) {
  const base = `slots.${slotId}.variants.${id}`;
  const variant = slot.variants[id];
  return h(
    "fieldset",
    { class: "card variant" },
    h("legend", {}, `Variant “${id}”`),
    h("div", { class: "row" }, field("Headline", text(ctx, variant, "headline", { optional: true }), { path: `${base}.headline` }), field("Subhead", text(ctx, variant, "subhead", { optional: true }), { path: `${base}.subhead` })),
    field("Body text", text(ctx, variant, "text", { optional: true }), { path: `${base}.text` }),
    h("div", { class: "row" }, field("Image address", text(ctx, variant, "image", { optional: true }), { path: `${base}.image` }), field("Alt text", text(ctx, variant, "alt", { optional: true }), { path: `${base}.alt`, hint: "Required with an image." })),
    h("div", { class: "row" }, ctaField(ctx, variant, base, "label", "Button label"), ctaField(ctx, variant, base, "href", "Button link")),
    button(`Remove variant “${id}”`, () => {
      delete slot.variants[id];
      if (slot.default === id) slot.default = null;
      ctx.changed();
      ctx.redraw("slots", `[data-slot="${CSS.escape(slotId)}"] legend`);
    }, { class: "danger" }),
  );
}

function slotCard(ctx, id, slot) {
  const base = `slots.${id}`;
  const ids = Object.keys(slot.variants);
  const fallback = select([["", "(show nothing)"], ...ids.map((v) => [v, v])], slot.default ?? "");
  fallback.addEventListener("change", () => {
    slot.default = fallback.value === "" ? null : fallback.value;
    ctx.changed();
  });
  slot.rules ??= [];
  return h(
    "fieldset",
    { class: "card slot", "data-slot": id, "data-path": base },
    h("legend", { tabindex: "-1" }, `Slot “${id}”`),
    h("div", { class: "row" }, field("Name", text(ctx, slot, "name", { optional: true }), { path: `${base}.name` }), field("By default, show", fallback, { path: `${base}.default` })),
    h("h3", {}, "Variants"),
    ids.map((variant) => variantCard(ctx, id, slot, variant)),
    idAdder("New variant id", "For example evening-coupon.", (v) => Object.hasOwn(slot.variants, v), (v) => {
      slot.variants[v] = { headline: "" };
      ctx.changed();
      ctx.redraw("slots", `[data-path="${CSS.escape(`${base}.variants.${v}.headline`)}"]`);
      announce(`Variant ${v} added to slot ${id}.`);
    }),
    h("h3", {}, "Rules"),
    ruleList(ctx, slot.rules, { path: `${base}.rules`, section: "slots", one: `rule to slot “${id}”`, serves: { label: "Variant", key: "variant", options: () => Object.keys(slot.variants).map((v) => [v, v]) } }),
    button(`Remove slot “${id}”`, () => {
      delete ctx.config.slots[id];
      ctx.changed();
      ctx.redraw("slots");
    }, { class: "danger" }),
  );
}

/** The content slots section of the editor. */
export function slotsSection(ctx) {
  ctx.config.slots ??= {};
  const slots = ctx.config.slots;
  return h(
    "div",
    {},
    h("p", { class: "hint" }, "Other places on the shop's pages (data-vt-slot=\"offer\", a banner, a badge…), each with its own variants and rules. The hero has its own sections above."),
    Object.keys(slots).map((id) => slotCard(ctx, id, slots[id])),
    idAdder("New slot id", "The data-vt-slot value on the shop's pages, e.g. offer. Not hero or sort.", (id) => Object.hasOwn(slots, id), (id) => {
      slots[id] = { variants: {}, rules: [], default: null };
      ctx.changed();
      ctx.redraw("slots", `[data-slot="${CSS.escape(id)}"] legend`);
      announce(`Slot ${id} added. Give it a variant.`);
    }),
  );
}

// Preview: open the shop as a segment, or as hand-made traits, through a signed link that
// expires; the page shows a "Preview: …" bar and records nothing.
import { announce, datalist, field, fill, h, select } from "./dom.client.js";
import { api } from "./api.client.js";

const FLAGS = [
  ["value.bigSpender", "Big spender"],
  ["value.vip", "VIP"],
  ["value.couponLover", "Coupon lover"],
  ["value.cartAbandoner", "Cart abandoner"],
  ["lifecycle.identified", "Identified (signed in)"],
];

export async function render(root) {
  const [{ body: current }, { body: vocab }] = await Promise.all([api("GET", "/config"), api("GET", "/vocabulary")]);
  const config = current.config;
  const segments = select(config.segments.map((segment) => [segment.id, segment.name]), config.segments[0]?.id ?? "", { id: "preview-segment" });
  const categories = datalist(vocab.categories);
  const countries = datalist(vocab.countries);
  const interests = h("input", { type: "text", id: "preview-interests", list: categories.id, autocomplete: "off" });
  const channel = select([["", "(any)"], ...vocab.channels.map((c) => [c, c])], "", { id: "preview-channel" });
  const visit = select([["", "(any)"], ["new", "new"], ["returning", "returning"]], "", { id: "preview-visit" });
  const country = h("input", { type: "text", id: "preview-country", list: countries.id, autocomplete: "off", maxlength: "2" });
  const flags = FLAGS.map(([path, label]) => {
    const id = `preview-${path.replace(".", "-")}`;
    return h("div", { class: "field check" }, h("input", { type: "checkbox", id, value: path }), h("label", { for: id }, label));
  });
  const page = h("input", { type: "url", id: "preview-page", value: `${location.origin}/`, list: "preview-pages" });
  const pages = h("datalist", { id: "preview-pages" }, [location.origin, ...config.origins].map((origin) => h("option", { value: `${origin}/` })));
  const result = h("div", { id: "preview-result", "aria-live": "polite" });
  const mode = () => root.querySelector("input[name=preview-as]:checked").value;

  const form = h(
    "form",
    { class: "card", novalidate: true },
    h(
      "fieldset",
      {},
      h("legend", {}, "Preview as"),
      h("div", { class: "field check" }, h("input", { type: "radio", name: "preview-as", id: "as-segment", value: "segment", checked: true }), h("label", { for: "as-segment" }, "A segment")),
      field("Segment", segments),
      h("div", { class: "field check" }, h("input", { type: "radio", name: "preview-as", id: "as-traits", value: "traits" }), h("label", { for: "as-traits" }, "Hand-made traits")),
      h(
        "div",
        { class: "traits" },
        field("Interests, strongest first", interests, { hint: "Categories separated by commas, e.g. kids, toys" }),
        categories.el,
        h("div", { class: "row" }, field("Channel", channel), field("Visit", visit), field("Country (two letters)", country), countries.el),
        h("fieldset", {}, h("legend", {}, "Value traits"), flags),
      ),
    ),
    field("Page to open", page, { hint: "The preview link works on shop pages the worker serves; other shops pass vt_preview to the snippet." }),
    pages,
    h("button", { type: "submit", class: "primary" }, "Open preview"),
    result,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const request = { minutes: 30 };
    if (mode() === "segment") request.segment = segments.value;
    else {
      const values = {};
      if (channel.value) values["source.channel"] = channel.value;
      if (visit.value) values["lifecycle.visit"] = visit.value;
      if (country.value.trim()) values["geo.country"] = country.value.trim().toUpperCase();
      for (const box of form.querySelectorAll(".traits input[type=checkbox]:checked")) values[box.value] = true;
      request.traits = { values, interests: interests.value.split(",").map((part) => part.trim()).filter(Boolean) };
    }
    try {
      const { body } = await api("POST", "/preview", request);
      const url = new URL(page.value || `${location.origin}/`);
      url.searchParams.set("vt_preview", body.token);
      const link = h("a", { href: url.href, target: "_blank", rel: "noopener", id: "preview-link" }, `Open the shop as ${body.label} (new tab)`);
      fill(result, h("p", {}, `Preview link ready, valid until ${new Date(body.expires).toLocaleTimeString()}.`), link);
      announce(`Preview link for ${body.label} ready.`);
      link.focus();
    } catch (error) {
      fill(result, h("p", { class: "error", role: "alert" }, `No preview: ${error.message}`));
    }
  });
  fill(root, h("h1", {}, "Preview"), h("p", {}, "See the shop as a segment would, before anyone does. Nothing you do in a preview is recorded, counted or enrolled."), form);
}

// A new site (operator only): id, allowed origins and a starter config; live at once, with its
// first key and the snippet tag to paste into the shop.
import { announce, field, fill, h, select } from "./dom.client.js";
import { api, session } from "./api.client.js";
import { markIssues } from "./issues.client.js";

export async function render(root) {
  const site = h("input", { type: "text", id: "site-id", autocomplete: "off", spellcheck: "false", required: true });
  const name = h("input", { type: "text", id: "site-name", autocomplete: "off" });
  const origins = h("textarea", { id: "site-origins", rows: "3", spellcheck: "false" });
  const starter = select([["starter", "A starter config (one default hero, two segments)"], ["copy", `A copy of site ${session().site}'s current config`]], "starter", { id: "site-starter" });
  const summary = h("div", { class: "issues", tabindex: "-1", hidden: true });
  const out = h("div", { id: "site-result", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "card", novalidate: true },
    field("Site id", site, { path: "site", hint: "Lowercase letters, digits and -, e.g. acme-shop. It goes into the snippet tag." }),
    field("Name", name, { path: "name" }),
    field("Allowed origins (one per line)", origins, { path: "origins", hint: "The shop's addresses, e.g. https://acme.example" }),
    field("Start from", starter, { path: "starter" }),
    h("button", { type: "submit", class: "primary" }, "Create site"),
    summary,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    fill(out);
    const request = { site: site.value.trim(), origins: origins.value.split(/\s+/).filter(Boolean), starter: starter.value };
    if (name.value.trim()) request.name = name.value.trim();
    if (starter.value === "copy") request.copyFrom = session().site;
    try {
      const { body } = await api("POST", "/v1/sites", request);
      markIssues(form, summary, []);
      fill(
        out,
        h("h2", { tabindex: "-1", id: "site-made" }, `Site ${body.site} is live`),
        h("p", {}, "Paste this tag into every page of the shop, before </head>:"),
        h("pre", {}, h("code", {}, body.snippet)),
        h("p", {}, "Its first key, with every scope (shown this once; sign in with it to edit the site):"),
        h("pre", {}, h("code", { id: "site-key" }, body.token)),
      );
      out.querySelector("#site-made").focus();
      announce(`Site ${body.site} created and live.`);
    } catch (error) {
      const first = markIssues(form, summary, error.issues?.length ? error.issues : [{ path: "site", message: error.message }]);
      (first ?? site).focus();
      announce(`Not created: ${error.message}`);
    }
  });
  fill(root, h("h1", {}, "New site"), h("p", {}, "A new site is live as soon as it is created: the snippet tag below starts working at once."), form, out);
}

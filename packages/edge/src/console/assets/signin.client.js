// Sign in with a site key. The key is checked against the worker (GET …/whoami) and then kept in
// this tab's session storage only: closing the tab forgets it.
import { announce, field, h } from "./dom.client.js";
import { api, saveSession } from "./api.client.js";

const KEY_FORM = /^vt_([a-z0-9][a-z0-9-]*)_/;

export async function render(root) {
  const key = h("input", { type: "password", name: "key", autocomplete: "off", spellcheck: "false", required: true });
  const site = h("input", { type: "text", name: "site", autocomplete: "off", spellcheck: "false", pattern: "[a-z0-9][a-z0-9-]*" });
  const problem = h("p", { class: "error", role: "alert", id: "signin-problem" });
  key.addEventListener("input", () => {
    const match = KEY_FORM.exec(key.value.trim());
    if (match) site.value = match[1];
  });
  const form = h(
    "form",
    { class: "card narrow", "aria-describedby": "signin-problem", novalidate: true },
    field("Site key", key, { hint: "A key such as vt_demo_… (or the operator token). It stays in this browser tab only." }),
    field("Site", site, { hint: "Filled in from a site key; needed with the operator token." }),
    h("button", { type: "submit", class: "primary" }, "Sign in"),
    problem,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.textContent = "";
    const candidate = { key: key.value.trim(), site: site.value.trim() };
    if (!candidate.key || !candidate.site) {
      problem.textContent = !candidate.key ? "Enter your site key." : "Enter the site id.";
      (!candidate.key ? key : site).focus();
      return;
    }
    try {
      const { body } = await api("GET", "/whoami", undefined, { session: candidate });
      saveSession({ ...candidate, name: body.name, scopes: body.scopes, operator: body.operator, keyId: body.keyId });
      announce(`Signed in to site ${candidate.site} as ${body.operator ? "the operator" : body.name}.`);
      location.hash = "#/";
    } catch (error) {
      problem.textContent = error.status === 401 ? "That key is not valid: it is unknown, revoked or mistyped." : error.message;
      key.setAttribute("aria-invalid", "true");
      key.focus();
    }
  });
  root.replaceChildren(h("h1", {}, "Sign in"), h("p", {}, "The console edits one site's personalization: segments, hero variants, rules and settings."), form);
}

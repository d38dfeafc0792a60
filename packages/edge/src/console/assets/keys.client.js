// Keys: the site's keys with their scopes and last use; make one (shown once), revoke one.
import { announce, button, field, fill, h, when } from "./dom.client.js";
import { api, session } from "./api.client.js";

function madeKey(made) {
  const token = h("input", { type: "text", readonly: true, value: made.token, id: "new-key", spellcheck: "false" });
  const copied = h("span", { role: "status" });
  return h(
    "div",
    { class: "card made", tabindex: "-1", id: "made-key" },
    h("h2", {}, `Key “${made.key.name}” made`),
    h("p", {}, "Copy it now: it is shown this once and stored only as a digest."),
    field("The new key", token),
    button("Copy the key", async () => {
      try {
        await navigator.clipboard.writeText(made.token);
        copied.textContent = "Copied.";
      } catch {
        token.select();
        copied.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
      }
    }),
    copied,
  );
}

// The order-signing secret: the shop's backend signs trusted orders with it (shown once when made).
async function signingCard(root) {
  const { body } = await api("GET", "/keys/signing");
  const { current } = body.signing;
  const retired = body.signing.retired ?? [];
  const shown = h("div", {});
  return h(
    "div",
    { class: "card", id: "signing" },
    h("h2", {}, "Order-signing secret"),
    h("p", {}, current ? `Secret ${current.id} made ${when(current.createdAt)} by ${current.createdBy}.${retired.map((r) => ` Retired secret ${r.id} works until ${when(r.validUntil)}.`).join("")}` : "None yet: the shop's backend can sign trusted orders once you make one."),
    button(current ? "Rotate the secret" : "Make a secret", async () => {
      const { body: made } = await api("POST", "/keys/signing");
      await render(root);
      const slot = root.querySelector("#signing-made");
      fill(slot, h("p", {}, "Copy it now into the backend's settings: it is shown this once."), field("The new signing secret", h("input", { type: "text", readonly: true, value: made.secret, id: "new-signing", spellcheck: "false" })));
      slot.querySelector("input").focus();
      announce("Signing secret made. Copy it now: it is shown this once.");
    }),
    h("div", { id: "signing-made" }, shown),
  );
}

export async function render(root) {
  const { body } = await api("GET", "/keys");
  const me = session();
  const name = h("input", { type: "text", autocomplete: "off", required: true });
  const problem = h("p", { class: "error", role: "alert" });
  const scopeBoxes = body.scopes.map(({ scope, words }) => {
    const allowed = me.operator || me.scopes.includes(scope);
    const id = `scope-${scope.replace(":", "-")}`;
    return h(
      "div",
      { class: "field check" },
      h("input", { type: "checkbox", id, value: scope, disabled: !allowed, "aria-describedby": `${id}-words` }),
      h("label", { for: id }, scope),
      h("p", { class: "hint", id: `${id}-words` }, allowed ? words : `${words} (your key lacks it, so cannot grant it)`),
    );
  });
  const made = h("div", {});

  const form = h(
    "form",
    { class: "card", novalidate: true },
    h("h2", {}, "Make a key"),
    field("Name", name, { hint: "Whose key or what it is for, e.g. Ana, or Shop backend. It is shown as who saved each version." }),
    h("fieldset", {}, h("legend", {}, "Scopes"), scopeBoxes),
    h("button", { type: "submit", class: "primary" }, "Make key"),
    problem,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.textContent = "";
    const scopes = [...form.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.value);
    try {
      const { body: result } = await api("POST", "/keys", { name: name.value, scopes });
      await render(root);
      const slot = root.querySelector("#made-slot");
      fill(slot, madeKey(result));
      slot.querySelector("#made-key").focus();
      announce(`Key ${result.key.name} made. Copy it now: it is shown this once.`);
    } catch (error) {
      problem.textContent = error.issues?.length ? error.issues.map((issue) => `${issue.path === "name" ? "Name" : issue.path.startsWith("scopes") ? "Scopes" : issue.path}: ${issue.message}`).join(" ") : error.message;
      (error.issues?.[0]?.path === "name" ? name : form.querySelector("input[type=checkbox]:not([disabled])"))?.focus();
    }
  });

  const rows = body.keys.map((key) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, key.name),
      h("td", {}, h("code", {}, key.id)),
      h("td", {}, key.scopes.join(", ")),
      h("td", {}, `${when(key.createdAt)} by ${key.createdBy}`),
      h("td", {}, key.revokedAt ? `revoked ${when(key.revokedAt)}` : key.lastUsedAt ? when(key.lastUsedAt) : "never"),
      h(
        "td",
        {},
        key.revokedAt
          ? null
          : button("Revoke", async () => {
              await api("DELETE", `/keys/${key.id}`);
              announce(`Key ${key.name} revoked. It stops working at once.`);
              if (key.id === me.keyId) return;
              await render(root);
              root.querySelector("h1").focus();
            }, { "aria-label": `Revoke key ${key.name} (${key.id})`, class: "danger" }),
      ),
    ),
  );
  fill(
    root,
    h("h1", {}, "Keys"),
    h("p", {}, "Each key belongs to this site and carries scopes. Keep several to rotate: make the new one, switch, then revoke the old one."),
    h("div", { id: "made-slot" }, made),
    form,
    await signingCard(root),
    h(
      "table",
      { class: "keys" },
      h("caption", {}, `Keys of site ${body.site}`),
      h("thead", {}, h("tr", {}, ["Name", "Id", "Scopes", "Made", "Last used", "Action"].map((title) => h("th", { scope: "col" }, title)))),
      h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: "6" }, "No keys yet."))),
    ),
  );
}

// History: every version with who stored it and when, what changed between any two, and a
// one-click rollback (itself a new version).
import { announce, button, field, fill, h, select, when } from "./dom.client.js";
import { api, can } from "./api.client.js";
import { forget } from "./editor.client.js";

export async function render(root) {
  const { body } = await api("GET", "/history");
  const versions = body.versions;
  const options = versions.map((entry) => [String(entry.version), `Version ${entry.version}${entry.who ? ` · ${entry.who}` : ""}`]);
  const from = select(options, String(versions[1]?.version ?? versions[0]?.version ?? 0), { id: "diff-from" });
  const to = select(options, String(versions[0]?.version ?? 0), { id: "diff-to" });
  const changes = h("div", { id: "changes", "aria-live": "polite" });
  const status = h("p", { role: "status", class: "status" });

  async function compare() {
    const { body: diff } = await api("GET", `/history/diff?from=${from.value}&to=${to.value}`);
    fill(
      changes,
      h("h2", {}, `Changes from version ${diff.from} to version ${diff.to}`),
      diff.changes.length === 0 ? h("p", {}, "No differences.") : h("ul", { class: "diff" }, diff.changes.map((change) => h("li", { class: change.kind }, h("span", { class: "kind" }, change.kind), " ", change.text))),
    );
  }

  async function rollback(version) {
    try {
      const { body: result } = await api("POST", "/config/rollback", { version });
      forget();
      announce(`Rolled back: version ${version} is live again as version ${result.version}.`);
      await render(root);
      const shown = root.querySelector("[role=status]");
      shown.textContent = `Version ${version} is live again as version ${result.version}.`;
      shown.tabIndex = -1;
      shown.focus();
    } catch (error) {
      status.textContent = `Not rolled back: ${error.message}`;
      announce(status.textContent);
    }
  }

  const rows = versions.map((entry, i) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, String(entry.version), i === 0 ? h("span", { class: "badge" }, " current") : null),
      h("td", {}, entry.version === 0 ? "as shipped" : when(entry.updatedAt)),
      h("td", {}, entry.who ?? "unknown"),
      h("td", {}, entry.note),
      h("td", {}, entry.summary),
      h(
        "td",
        {},
        i === 0 || !can("config:write") ? null : button("Roll back", () => rollback(entry.version), { "aria-label": `Roll back to version ${entry.version}` }),
      ),
    ),
  );
  fill(
    root,
    h("h1", {}, "History"),
    status,
    h(
      "form",
      { class: "card compare", onsubmit: (event) => (event.preventDefault(), compare()) },
      h("h2", {}, "Compare two versions"),
      h("div", { class: "row" }, field("From version", from), field("To version", to)),
      h("button", { type: "submit" }, "Show changes"),
    ),
    changes,
    h(
      "table",
      { class: "versions" },
      h("caption", {}, "Versions, newest first"),
      h("thead", {}, h("tr", {}, ["Version", "Stored", "Who", "Change", "Holds", "Action"].map((title) => h("th", { scope: "col" }, title)))),
      h("tbody", {}, rows),
    ),
  );
  if (versions.length > 1) await compare();
}

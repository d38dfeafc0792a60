// Live numbers: visitors per segment over the last day and week, and what each rule served.
import { announce, button, fill, h } from "./dom.client.js";
import { api } from "./api.client.js";

const n = (value) => value.toLocaleString();

function table(caption, heads, rows) {
  return h(
    "table",
    {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, heads.map((title) => h("th", { scope: "col" }, title)))),
    h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: String(heads.length) }, "Nothing yet."))),
  );
}

export async function render(root) {
  const { body } = await api("GET", "/live");
  const parts = [...new Set(body.served.map((row) => row.part))];
  fill(
    root,
    h("h1", {}, "Live numbers"),
    h("p", {}, `Counted at the edge as decisions are made. Distinct visitors are estimated (about 3% error on large numbers). Visitors decided for: ${n(body.visitors.day)} in the last 24 hours, ${n(body.visitors.week)} in the last 7 days.`),
    button("Refresh", async () => {
      await render(root);
      announce("Live numbers refreshed.");
    }),
    table(
      "Visitors each segment held",
      ["Segment", "Last 24 hours", "Last 7 days"],
      body.segments.map((segment) => h("tr", {}, h("th", { scope: "row" }, segment.name, " ", h("code", {}, segment.id)), h("td", {}, n(segment.day)), h("td", {}, n(segment.week)))),
    ),
    parts.map((part) =>
      table(
        `What each ${part === "sort" ? "sort" : `“${part}”`} rule served`,
        ["Rule", part === "sort" ? "Strategy" : "Variant", "Last 24 hours", "Last 7 days"],
        body.served.filter((row) => row.part === part).map((row) => h("tr", {}, h("th", { scope: "row" }, row.rule), h("td", {}, row.variant), h("td", {}, n(row.day)), h("td", {}, n(row.week)))),
      ),
    ),
  );
}

// "Why this hero?": a visitor's traits, segments, the rules tried in order and the explain
// lines, from the same code that decides for the page.
import { field, fill, h } from "./dom.client.js";
import { api } from "./api.client.js";

function traitsList(traits) {
  const rows = [
    ["Visit", `${traits.lifecycle.visit}, ${traits.lifecycle.sessions} session(s), stage ${traits.lifecycle.stage}`],
    ["Intent", `${traits.intent.kind} (buyer ${traits.intent.buyer.toFixed(2)}, researcher ${traits.intent.researcher.toFixed(2)})`],
    ["Interests", traits.interests.map((interest) => `${interest.category} (${interest.score.toFixed(1)})`).join(", ") || "none yet"],
    ["Value", `${traits.value.orders} order(s), average ${traits.value.aov}; ${["bigSpender", "vip", "couponLover", "cartAbandoner"].filter((key) => traits.value[key]).join(", ") || "no value flags"}`],
    ["Source", `${traits.source.channel}${traits.source.campaign ? `, campaign ${traits.source.campaign}` : ""}`],
    ["Where", `${traits.geo.country ?? "unknown country"}, local hour ${traits.geo.localHour}`],
  ];
  return h("dl", { class: "traits" }, rows.map(([term, text]) => [h("dt", {}, term), h("dd", {}, text)]));
}

function tried(caption, rules, chosen) {
  return h(
    "table",
    {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ["#", "Rule", "Needs", "Serves", "Holds?"].map((title) => h("th", { scope: "col" }, title)))),
    h(
      "tbody",
      {},
      rules.map((rule, i) =>
        h(
          "tr",
          { class: rule.chosen ? "chosen" : "" },
          h("td", {}, String(i + 1)),
          h("th", { scope: "row" }, rule.rule),
          h("td", {}, [rule.segment && `segment ${rule.segment}`, rule.interest && `interest ${rule.interest}`].filter(Boolean).join(" and ")),
          h("td", {}, rule.serves),
          h("td", {}, rule.chosen ? (chosen === rule.rule ? "yes — served" : "yes — first to hold, but an experiment or holdout decided") : rule.matched ? "yes (an earlier rule won)" : "no"),
        ),
      ),
    ),
  );
}

export async function render(root) {
  const input = h("input", { type: "text", id: "why-visitor", autocomplete: "off", spellcheck: "false", required: true });
  const out = h("div", { id: "why-result", "aria-live": "polite" });
  const form = h("form", { class: "card", novalidate: true }, field("Visitor id", input, { hint: "From the shop's localStorage (vitrine.visitor) or a support request." }), h("button", { type: "submit", class: "primary" }, "Explain"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const { body } = await api("GET", `/visitors/${encodeURIComponent(input.value.trim())}/decision`);
      const d = body.decision;
      fill(
        out,
        h("h2", {}, `Visitor ${body.visitor} sees the hero “${d.hero.variant}”`),
        h("p", {}, `Chosen by rule ${d.hero.rule} (${d.hero.reason.basis}${d.hero.reason.segment ? `, segment ${d.hero.reason.segment}` : ""}${d.hero.reason.interest ? `, interest ${d.hero.reason.interest}` : ""}). Sort: ${d.sort.strategy} by rule ${d.sort.rule}.`),
        h("h3", {}, "Traits"),
        traitsList(body.traits),
        h("h3", {}, "Segments"),
        h("p", {}, body.segments.length ? body.segments.join(", ") : "None."),
        tried("Hero rules tried, in order", body.tried.hero, d.hero.rule),
        tried("Sort rules tried, in order", body.tried.sort, d.sort.rule),
        h("h3", {}, "In words"),
        h("ul", {}, d.explain.map((line) => h("li", {}, line))),
      );
    } catch (error) {
      fill(out, h("p", { class: "error", role: "alert" }, error.status === 404 ? `No data is stored for visitor “${input.value.trim()}”.` : error.message));
    }
  });
  fill(root, h("h1", {}, "Why this hero?"), form, out);
}

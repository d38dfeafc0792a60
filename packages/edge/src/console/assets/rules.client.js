// Hero and sort rules in priority order: the first rule that matches a visitor wins. Reorder by
// dragging, or with the "Move up" / "Move down" buttons from the keyboard.
import { announce, button, datalist, field, h } from "./dom.client.js";
import { choice, number, text } from "./bind.client.js";

const WORDS = {
  heroRules: { one: "hero rule", section: "hero-rules", serves: "Hero variant", key: "variant" },
  sortRules: { one: "sort rule", section: "sort-rules", serves: "Sort strategy", key: "strategy" },
};

function move(ctx, kind, from, to) {
  const list = ctx.config[kind];
  if (to < 0 || to >= list.length || from === to) return;
  const [rule] = list.splice(from, 1);
  list.splice(to, 0, rule);
  ctx.changed();
  const direction = to < from ? "up" : "down";
  ctx.redraw(WORDS[kind].section);
  // Focus stays on the button just used, or on the other one when the rule reached an end.
  const item = document.querySelector(`#section-${WORDS[kind].section} [data-rule="${CSS.escape(rule.id)}"]`);
  (item?.querySelector(`[data-move="${direction}"]:not([disabled])`) ?? item?.querySelector("[data-move]:not([disabled])"))?.focus();
  announce(`Rule ${rule.id} moved to position ${to + 1} of ${list.length}.`);
}

function ruleItem(ctx, kind, rule, i, categories) {
  const base = `${kind}.${i}`;
  const words = WORDS[kind];
  const total = ctx.config[kind].length;
  const served =
    kind === "heroRules"
      ? choice(ctx, rule, "variant", Object.keys(ctx.config.heroes))
      : choice(ctx, rule, "strategy", ctx.vocab.sortStrategies);
  const idInput = text(ctx, rule, "id", { spellcheck: "false" });
  const title = h("strong", {}, `${i + 1}. ${rule.id}`);
  const item = h(
    "li",
    { class: "card rule", draggable: "true", "data-rule": rule.id, "data-index": String(i) },
    h("div", { class: "rule-head" }, h("span", { class: "grip", "aria-hidden": "true", title: "Drag to reorder" }, "⠿"), title),
    h(
      "div",
      { class: "row" },
      field("Rule id", idInput, { path: `${base}.id` }),
      field("Segment", choice(ctx, rule, "segment", ctx.config.segments.map((segment) => [segment.id, segment.name]), { optional: true, none: "(any visitor)" }), { path: `${base}.segment` }),
      field("Interest", text(ctx, rule, "interest", { optional: true, list: categories }), { path: `${base}.interest`, hint: "A category, e.g. kids" }),
      field(words.serves, served, { path: `${base}.${words.key}` }),
      field("Holdout share", number(ctx, rule, "holdout", { optional: true, min: 0, max: 1 }), { path: `${base}.holdout`, hint: "0–1, optional" }),
    ),
    h(
      "div",
      { class: "rule-actions", role: "group", "aria-label": `Order of rule ${rule.id}` },
      button("Move up", () => move(ctx, kind, i, i - 1), { "data-move": "up", disabled: i === 0, "aria-label": `Move up (rule ${rule.id})` }),
      button("Move down", () => move(ctx, kind, i, i + 1), { "data-move": "down", disabled: i === total - 1, "aria-label": `Move down (rule ${rule.id})` }),
      button("Remove", () => {
        ctx.config[kind].splice(i, 1);
        ctx.changed();
        ctx.redraw(words.section, `#add-${words.section}`);
        announce(`Rule ${rule.id} removed.`);
      }, { class: "danger", "aria-label": `Remove (rule ${rule.id})` }),
    ),
  );
  // The rule's name in its heading and button labels follows its id as it is typed.
  idInput.addEventListener("input", () => {
    title.textContent = `${i + 1}. ${rule.id}`;
    item.dataset.rule = rule.id;
    for (const el of item.querySelectorAll(".rule-actions button")) {
      const move = el.dataset.move;
      el.setAttribute("aria-label", move ? `Move ${move} (rule ${rule.id})` : `Remove (rule ${rule.id})`);
    }
    item.querySelector(".rule-actions").setAttribute("aria-label", `Order of rule ${rule.id}`);
  });
  item.addEventListener("dragstart", (event) => {
    event.dataTransfer.setData("text/plain", String(i));
    event.dataTransfer.effectAllowed = "move";
    item.classList.add("dragging");
  });
  item.addEventListener("dragend", () => item.classList.remove("dragging"));
  item.addEventListener("dragover", (event) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  });
  item.addEventListener("drop", (event) => {
    event.preventDefault();
    const from = Number(event.dataTransfer.getData("text/plain"));
    if (Number.isInteger(from)) move(ctx, kind, from, i);
  });
  return item;
}

/** A section listing `kind` ("heroRules" or "sortRules") in priority order. */
export function rulesSection(ctx, kind) {
  const list = ctx.config[kind];
  const words = WORDS[kind];
  const categories = datalist(ctx.vocab.categories);
  const extra =
    kind === "sortRules"
      ? field("Default sort", choice(ctx, ctx.config, "defaultSort", ctx.vocab.sortStrategies), { path: "defaultSort", hint: "The order when no sort rule matches." })
      : null;
  return h(
    "div",
    {},
    h("p", { class: "hint" }, `Rules are tried from the top; the first whose segment and interest both hold serves its ${words.serves.toLowerCase()}. Drag a rule, or use its Move buttons.`),
    extra,
    categories.el,
    h("ol", { class: "rules", "data-path": kind }, list.map((rule, i) => ruleItem(ctx, kind, rule, i, categories.id))),
    button(`Add ${words.one}`, () => {
      let n = list.length + 1;
      while (list.some((rule) => rule.id === `rule-${n}`)) n++;
      const rule = { id: `rule-${n}`, interest: "" };
      if (kind === "heroRules") rule.variant = ctx.config.defaultHero;
      else rule.strategy = "interest";
      list.push(rule);
      ctx.changed();
      ctx.redraw(words.section, `[data-path="${kind}.${list.length - 1}.id"]`);
      announce(`Rule ${rule.id} added at the bottom (position ${list.length}).`);
    }, { id: `add-${words.section}` }),
  );
}

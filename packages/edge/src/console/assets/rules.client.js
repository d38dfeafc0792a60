// Rules in priority order (hero, sort, and each content slot's): the first rule that matches a
// visitor wins. Reorder by dragging, or with the "Move up" / "Move down" buttons from the keyboard.
import { announce, button, datalist, field, h } from "./dom.client.js";
import { choice, number, text } from "./bind.client.js";

/**
 * What a list of rules needs: the array, its config path (`heroRules`, `slots.offer.rules`),
 * the editor section that holds it, and what its rules serve (`key` of each rule, its label and
 * choices).
 */
function ruleList(ctx, list, { path, section, one, serves }) {
  const scope = (rule) => document.querySelector(`#section-${section} [data-rules="${CSS.escape(path)}"] [data-rule="${CSS.escape(rule.id)}"]`);

  function move(from, to) {
    if (to < 0 || to >= list.length || from === to) return;
    const [rule] = list.splice(from, 1);
    list.splice(to, 0, rule);
    ctx.changed();
    const direction = to < from ? "up" : "down";
    ctx.redraw(section);
    // Focus stays on the button just used, or on the other one when the rule reached an end.
    const item = scope(rule);
    (item?.querySelector(`[data-move="${direction}"]:not([disabled])`) ?? item?.querySelector("[data-move]:not([disabled])"))?.focus();
    announce(`Rule ${rule.id} moved to position ${to + 1} of ${list.length}.`);
  }

  function item(rule, i, categories) {
    const base = `${path}.${i}`;
    const idInput = text(ctx, rule, "id", { spellcheck: "false" });
    const title = h("strong", {}, `${i + 1}. ${rule.id}`);
    const actions = h(
      "div",
      { class: "rule-actions", role: "group", "aria-label": `Order of rule ${rule.id}` },
      button("Move up", () => move(i, i - 1), { "data-move": "up", disabled: i === 0, "aria-label": `Move up (rule ${rule.id})` }),
      button("Move down", () => move(i, i + 1), { "data-move": "down", disabled: i === list.length - 1, "aria-label": `Move down (rule ${rule.id})` }),
      button("Remove", () => {
        list.splice(i, 1);
        ctx.changed();
        ctx.redraw(section, `[data-add-rule="${CSS.escape(path)}"]`);
        announce(`Rule ${rule.id} removed.`);
      }, { class: "danger", "aria-label": `Remove (rule ${rule.id})` }),
    );
    const li = h(
      "li",
      { class: "card rule", draggable: "true", "data-rule": rule.id, "data-path": base },
      h("div", { class: "rule-head" }, h("span", { class: "grip", "aria-hidden": "true", title: "Drag to reorder" }, "⠿"), title),
      h(
        "div",
        { class: "row" },
        field("Rule id", idInput, { path: `${base}.id` }),
        field("Segment", choice(ctx, rule, "segment", ctx.config.segments.map((segment) => [segment.id, segment.name]), { optional: true, none: "(any visitor)" }), { path: `${base}.segment` }),
        field("Interest", text(ctx, rule, "interest", { optional: true, list: categories }), { path: `${base}.interest`, hint: "A category, e.g. kids" }),
        field(serves.label, choice(ctx, rule, serves.key, serves.options()), { path: `${base}.${serves.key}` }),
        field("Holdout share", number(ctx, rule, "holdout", { optional: true, min: 0, max: 1 }), { path: `${base}.holdout`, hint: "0–1, optional" }),
      ),
      actions,
    );
    // The rule's name in its heading and button labels follows its id as it is typed.
    idInput.addEventListener("input", () => {
      title.textContent = `${i + 1}. ${rule.id}`;
      li.dataset.rule = rule.id;
      actions.setAttribute("aria-label", `Order of rule ${rule.id}`);
      for (const el of actions.querySelectorAll("button")) el.setAttribute("aria-label", el.dataset.move ? `Move ${el.dataset.move} (rule ${rule.id})` : `Remove (rule ${rule.id})`);
    });
    li.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/plain", `${path}|${i}`);
      event.dataTransfer.effectAllowed = "move";
      li.classList.add("dragging");
    });
    li.addEventListener("dragend", () => li.classList.remove("dragging"));
    li.addEventListener("dragover", (event) => {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    });
    li.addEventListener("drop", (event) => {
      event.preventDefault();
      const [from, index] = event.dataTransfer.getData("text/plain").split("|");
      if (from === path && Number.isInteger(Number(index))) move(Number(index), i);
    });
    return li;
  }

  const categories = datalist(ctx.vocab.categories);
  return h(
    "div",
    {},
    categories.el,
    h("ol", { class: "rules", "data-path": path, "data-rules": path }, list.map((rule, i) => item(rule, i, categories.id))),
    button(`Add ${one}`, () => {
      let n = list.length + 1;
      while (list.some((rule) => rule.id === `rule-${n}`)) n++;
      const rule = { id: `rule-${n}`, [serves.key]: serves.options()[0]?.[0] ?? serves.options()[0] ?? "" };
      list.push(rule);
      ctx.changed();
      ctx.redraw(section, `[data-path="${CSS.escape(`${path}.${list.length - 1}.id`)}"]`);
      announce(`Rule ${rule.id} added at the bottom (position ${list.length}).`);
    }, { "data-add-rule": path }),
  );
}

export { ruleList };

/** A section listing `kind` ("heroRules" or "sortRules") in priority order. */
export function rulesSection(ctx, kind) {
  const hero = kind === "heroRules";
  const serves = hero
    ? { label: "Hero variant", key: "variant", options: () => Object.keys(ctx.config.heroes).map((id) => [id, id]) }
    : { label: "Sort strategy", key: "strategy", options: () => ctx.vocab.sortStrategies.map((s) => [s, s]) };
  return h(
    "div",
    {},
    h("p", { class: "hint" }, `Rules are tried from the top; the first whose segment and interest both hold serves its ${serves.label.toLowerCase()}. Drag a rule, or use its Move buttons.`),
    hero ? null : field("Default sort", choice(ctx, ctx.config, "defaultSort", ctx.vocab.sortStrategies), { path: "defaultSort", hint: "The order when no sort rule matches." }),
    ruleList(ctx, ctx.config[kind], { path: kind, section: hero ? "hero-rules" : "sort-rules", one: hero ? "hero rule" : "sort rule", serves }),
  );
}

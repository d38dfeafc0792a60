// The condition builder: a segment's `when`, as pickers over the real trait paths, the
// schema's operators and, where known, the values (channels, categories, countries).
import { button, datalist, field, h, select, uid } from "./dom.client.js";
import { choice, number, text } from "./bind.client.js";

const KINDS = [
  ["trait", "A trait test"],
  ["interest", "An interest"],
  ["all", "All of these"],
  ["any", "Any of these"],
  ["not", "Not this"],
];

const OPERATOR_WORDS = { eq: "is", neq: "is not", gt: "is more than", gte: "is at least", lt: "is less than", lte: "is at most", in: "is one of", exists: "is known / unknown" };

const kindOf = (node) => (["all", "any", "not", "interest"].find((key) => key in node) ?? "trait");

/** A sensible first value for a trait, from its kind. */
function firstValue(info) {
  if (info.kind === "enum") return info.values[0];
  if (info.kind === "boolean") return true;
  if (info.kind === "number") return 0;
  return "";
}

function fresh(kind, vocab) {
  const trait = vocab.traits[0];
  if (kind === "trait") return { trait: trait.path, op: "eq", value: firstValue(trait) };
  if (kind === "interest") return { interest: vocab.categories[0] ?? "" };
  if (kind === "not") return { not: fresh("trait", vocab) };
  return { [kind]: [fresh("trait", vocab)] };
}

function parseScalar(raw, info) {
  const value = raw.trim();
  if (info.kind === "number" && value !== "" && Number.isFinite(Number(value))) return Number(value);
  if (info.kind === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** The value control for a trait test, by the trait's kind and the operator. */
function valueControl(ctx, node, info, path) {
  if (node.op === "exists") {
    const el = select([["present", "is known"], ["absent", "is unknown"]], node.value === false ? "absent" : "present");
    el.addEventListener("change", () => {
      if (el.value === "absent") node.value = false;
      else delete node.value;
      ctx.changed();
    });
    return field("Value", el, { path });
  }
  if (node.op === "in") {
    const shown = Array.isArray(node.value) ? node.value.join(", ") : (node.value ?? "");
    const el = h("input", { type: "text", value: shown, autocomplete: "off" });
    el.addEventListener("input", () => {
      node.value = el.value.split(",").map((part) => parseScalar(part, info)).filter((part) => part !== "");
      ctx.changed();
    });
    const hint = info.kind === "enum" ? `Separate values with commas: ${info.values.join(", ")}` : "Separate values with commas.";
    return field("Values", el, { path, hint });
  }
  if (info.kind === "enum") return field("Value", choice(ctx, node, "value", info.values.map(String)), { path });
  if (info.kind === "boolean") {
    const el = select([["true", "yes"], ["false", "no"]], String(node.value ?? true));
    el.addEventListener("change", () => {
      node.value = el.value === "true";
      ctx.changed();
    });
    return field("Value", el, { path });
  }
  if (info.kind === "number") return field("Value", number(ctx, node, "value", { min: info.min, max: info.max }), { path });
  const list = info.suggest === "countries" && ctx.vocab.countries.length ? datalist(ctx.vocab.countries) : null;
  return h("div", {}, field("Value", text(ctx, node, "value", { list: list?.id }), { path }), list?.el);
}

/**
 * The editor for the condition at `holder[key]` (config path `path`). Changing its kind
 * replaces it with a fresh condition of that kind, drawn in place.
 */
export function conditionEditor(ctx, holder, key, path, depth = 1) {
  const node = holder[key];
  const kind = kindOf(node);
  const redraw = (focusKind) => {
    const next = conditionEditor(ctx, holder, key, path, depth);
    box.replaceWith(next);
    if (focusKind) next.querySelector("select")?.focus();
  };
  const kindSelect = select(KINDS, kind);
  kindSelect.addEventListener("change", () => {
    holder[key] = fresh(kindSelect.value, ctx.vocab);
    ctx.changed();
    redraw(true);
  });
  const parts = [field(depth === 1 ? "Condition" : `Condition (level ${depth})`, kindSelect)];
  if (kind === "trait") {
    const info = ctx.vocab.traits.find((trait) => trait.path === node.trait) ?? { kind: "text" };
    const traitSelect = choice(ctx, node, "trait", ctx.vocab.traits.map((trait) => trait.path), {
      onchange: (value) => {
        const next = ctx.vocab.traits.find((trait) => trait.path === value);
        if (node.op !== "exists" && node.op !== "in" && next) node.value = firstValue(next);
        redraw(false);
        document.querySelector(`[data-path="${CSS.escape(`${path}.trait`)}"]`)?.focus();
      },
    });
    const opSelect = choice(ctx, node, "op", ctx.vocab.operators.map((op) => [op, OPERATOR_WORDS[op] ?? op]), {
      onchange: (op) => {
        if (op === "exists") delete node.value;
        else if (op === "in") node.value = node.value === undefined ? [] : [].concat(node.value);
        else if (Array.isArray(node.value) || node.value === undefined) node.value = Array.isArray(node.value) && node.value.length ? node.value[0] : firstValue(info);
        redraw(false);
        document.querySelector(`[data-path="${CSS.escape(`${path}.op`)}"]`)?.focus();
      },
    });
    parts.push(h("div", { class: "row" }, field("Trait", traitSelect, { path: `${path}.trait` }), field("Test", opSelect, { path: `${path}.op` }), valueControl(ctx, node, info, `${path}.value`)));
  } else if (kind === "interest") {
    const list = datalist(ctx.vocab.categories);
    parts.push(
      h(
        "div",
        { class: "row" },
        field("Category", text(ctx, node, "interest", { list: list.id }), { path: `${path}.interest`, hint: "A category the visitor is interested in, e.g. kids" }),
        list.el,
        field("Among the top", number(ctx, node, "top", { optional: true }), { path: `${path}.top`, hint: "interests (empty: the site's setting)" }),
        field("Minimum score", number(ctx, node, "minScore", { optional: true }), { path: `${path}.minScore` }),
      ),
    );
  } else if (kind === "not") {
    parts.push(conditionEditor(ctx, node, "not", `${path}.not`, depth + 1));
  } else {
    const list = node[kind];
    parts.push(
      h(
        "ol",
        { class: "conditions", "data-path": `${path}.${kind}` },
        list.map((_, i) =>
          h(
            "li",
            {},
            conditionEditor(ctx, list, i, `${path}.${kind}.${i}`, depth + 1),
            button(`Remove condition ${i + 1}`, () => {
              list.splice(i, 1);
              ctx.changed();
              redraw(true);
            }),
          ),
        ),
      ),
      button(`Add a condition to "${KINDS.find(([k]) => k === kind)[1].toLowerCase()}"`, () => {
        list.push(fresh("trait", ctx.vocab));
        ctx.changed();
        redraw(false);
        const items = document.querySelectorAll(`[data-path="${CSS.escape(`${path}.${kind}`)}"] > li`);
        items[items.length - 1]?.querySelector("select")?.focus();
      }),
    );
  }
  const box = h("div", { class: `condition depth-${Math.min(depth, 4)}`, role: "group", "aria-label": depth === 1 ? "Condition" : `Condition at level ${depth}`, "data-path": path, id: uid("cond") }, parts);
  return box;
}

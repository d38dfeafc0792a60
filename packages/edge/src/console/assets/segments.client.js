// Segments: who they are (conditions on traits), with their ids kept in step with the rules
// that name them.
import { button, field, h } from "./dom.client.js";
import { text } from "./bind.client.js";
import { conditionEditor } from "./condition.client.js";

/** Every place a segment id is referred to, so renaming a segment keeps its rules. */
function renameReferences(config, from, to) {
  const rules = [...config.heroRules, ...config.sortRules, ...Object.values(config.slots ?? {}).flatMap((slot) => slot.rules ?? [])];
  for (const rule of rules) if (rule.segment === from) rule.segment = to;
  for (const experiment of config.experiments ?? []) if (experiment.segment === from) experiment.segment = to;
}

function segmentCard(ctx, segment, i) {
  const base = `segments.${i}`;
  const id = text(ctx, segment, "id", { spellcheck: "false" });
  let before = segment.id;
  id.addEventListener("change", () => {
    renameReferences(ctx.config, before, segment.id);
    before = segment.id;
  });
  const legend = h("legend", {}, `Segment “${segment.name}”`);
  const name = text(ctx, segment, "name");
  name.addEventListener("input", () => (legend.textContent = `Segment “${segment.name}”`));
  return h(
    "fieldset",
    { class: "card segment" },
    legend,
    h(
      "div",
      { class: "row" },
      field("Id", id, { path: `${base}.id`, hint: "Lowercase letters, digits, - and _; rules name the segment by it." }),
      field("Name", name, { path: `${base}.name` }),
    ),
    field("Description", text(ctx, segment, "description", { optional: true }), { path: `${base}.description` }),
    h("div", { class: "when" }, h("p", { class: "label" }, "Visitors belong to this segment when:"), conditionEditor(ctx, segment, "when", `${base}.when`)),
    button(`Remove segment “${segment.name}”`, () => {
      ctx.config.segments.splice(i, 1);
      ctx.changed();
      ctx.redraw("segments", "#add-segment");
    }, { class: "danger" }),
  );
}

/** The segments section of the editor. */
export function segmentsSection(ctx) {
  const list = ctx.config.segments;
  return h(
    "div",
    {},
    h("p", { class: "hint" }, "A segment is a group of visitors described by their traits. Hero and sort rules choose content by segment."),
    list.map((segment, i) => segmentCard(ctx, segment, i)),
    button("Add segment", () => {
      let n = list.length + 1;
      while (list.some((segment) => segment.id === `segment-${n}`)) n++;
      list.push({ id: `segment-${n}`, name: `New segment ${n}`, when: { trait: "lifecycle.visit", op: "eq", value: "new" } });
      ctx.changed();
      ctx.redraw("segments", `[data-path="segments.${list.length - 1}.name"]`);
    }, { id: "add-segment" }),
  );
}

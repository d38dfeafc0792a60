import type { SlotContent } from "@vitrine/shared";

/** A slot part (`data-vt-<part>` inside a `data-vt-slot`) and how a variant fills it. */
interface Part {
  part: "image" | "headline" | "subhead" | "text" | "cta";
  fill(el: Element, content: SlotContent): void;
}

const text = (el: Element, value: string | undefined) => {
  if (value != null) el.setInnerContent(value);
};
const attr = (el: Element, name: string, value: string | undefined) => {
  if (value != null) el.setAttribute(name, value);
};

/**
 * The parts of a slot, filled as the snippet's `apply` fills them: `[data-vt-image]` gets `src`
 * and `alt`, `[data-vt-cta]` its text and `href`, the others their text. A field the variant does
 * not have leaves the markup as it is. Text is escaped (setInnerContent without `html`).
 * @example for (const { part, fill } of PARTS) rewriter.on(partSelector("hero", part), { element: (el) => fill(el, content) });
 */
export const PARTS: readonly Part[] = [
  {
    part: "image",
    fill: (el, c) => {
      attr(el, "src", c.image);
      attr(el, "alt", c.alt);
    },
  },
  { part: "headline", fill: (el, c) => text(el, c.headline) },
  { part: "subhead", fill: (el, c) => text(el, c.subhead) },
  { part: "text", fill: (el, c) => text(el, c.text) },
  {
    part: "cta",
    fill: (el, c) => {
      text(el, c.cta?.label);
      attr(el, "href", c.cta?.href);
    },
  },
];

/**
 * Marks a slot element with its decided content: `data-vt-variant` and visible, or `hidden` when
 * the decision shows nothing there (null). A slot the decision does not name is left alone.
 * @example markSlot(el, decision.slots, "hero") // true: the hero's parts are to be filled
 */
export function markSlot(el: Element, slots: Readonly<Record<string, SlotContent | null>>, id: string): boolean {
  if (!Object.hasOwn(slots, id)) return false;
  const content = slots[id];
  if (content === null || content === undefined) {
    el.setAttribute("hidden", "");
    return false;
  }
  el.removeAttribute("hidden");
  el.setAttribute("data-vt-variant", content.variant);
  return true;
}

/**
 * Selector for a part inside one slot. Slot ids are slugs (`[a-z0-9_-]`), safe in a quoted attribute value.
 * @example partSelector("hero", "image") // '[data-vt-slot="hero"] [data-vt-image]'
 */
export const partSelector = (slot: string, part: Part["part"]) => `[data-vt-slot="${slot}"] [data-vt-${part}]`;

// Controls bound to a place in the working config: typing writes the value there and tells the
// editor something changed. Optional values left empty are removed rather than stored empty.
import { h, select } from "./dom.client.js";

function write(ctx, obj, key, value, optional) {
  if (optional && (value === "" || value === undefined)) delete obj[key];
  else obj[key] = value;
  ctx.changed();
}

/** A text input for `obj[key]`. */
export function text(ctx, obj, key, { optional = false, list, ...props } = {}) {
  const input = h("input", { type: "text", value: obj[key] ?? "", autocomplete: "off", list, ...props });
  input.addEventListener("input", () => write(ctx, obj, key, input.value, optional));
  return input;
}

/**
 * A number input for `obj[key]`. What is not a number is kept as typed, so the schema names it
 * rather than the console silently dropping it.
 */
export function number(ctx, obj, key, { optional = false, ...props } = {}) {
  const input = h("input", { type: "number", value: obj[key] ?? "", inputmode: "decimal", step: "any", ...props });
  input.addEventListener("input", () => {
    const raw = input.value.trim();
    write(ctx, obj, key, raw === "" ? (optional ? "" : raw) : Number.isFinite(Number(raw)) ? Number(raw) : raw, optional);
  });
  return input;
}

/** A checkbox for a boolean `obj[key]`. */
export function checkbox(ctx, obj, key, props = {}) {
  const input = h("input", { type: "checkbox", checked: Boolean(obj[key]), ...props });
  input.addEventListener("change", () => write(ctx, obj, key, input.checked, false));
  return input;
}

/** A select for `obj[key]`; with `optional`, a first "none" choice removes the key. */
export function choice(ctx, obj, key, options, { optional = false, none = "(none)", onchange, ...props } = {}) {
  const all = optional ? [["", none], ...options] : options;
  const el = select(all, obj[key] ?? "", props);
  el.addEventListener("change", () => {
    write(ctx, obj, key, el.value, optional);
    onchange?.(el.value);
  });
  return el;
}

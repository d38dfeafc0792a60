// Small DOM helpers for the console: building elements, labelled fields, announcements.

let counter = 0;
/** A unique id for label/field and error wiring. */
export const uid = (prefix = "f") => `${prefix}-${++counter}`;

/**
 * Builds an element: `h("button", { type: "button", onclick }, "Save")`. Props starting with
 * `on` become listeners; `false`/`null`/`undefined` props are left out; children may be
 * strings, nodes, arrays or nothing.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "value" && "value" in el) el.value = value;
    else if (key === "checked" || key === "selected") el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * A labelled control with a slot for its error: `field("Headline", input, { path, hint })`.
 * `path` is the config path the schema names (`heroes.kids.headline`), so issues land here.
 */
export function field(label, control, { path, hint, className } = {}) {
  const id = control.id || (control.id = uid("f"));
  const errorId = `${id}-error`;
  const describedBy = [errorId];
  if (path !== undefined) control.dataset.path = path;
  const parts = [h("label", { for: id }, label), control];
  if (hint) {
    const hintId = `${id}-hint`;
    describedBy.unshift(hintId);
    parts.push(h("p", { class: "hint", id: hintId }, hint));
  }
  parts.push(h("p", { class: "error", id: errorId, hidden: true }));
  control.setAttribute("aria-describedby", describedBy.join(" "));
  return h("div", { class: `field ${className ?? ""}`.trim() }, parts);
}

/** A `<select>` of `options` (`[value, label]` pairs or plain values) with `value` selected. */
export function select(options, value, props = {}) {
  return h(
    "select",
    props,
    options.map((option) => {
      const [optionValue, label] = Array.isArray(option) ? option : [option, option];
      return h("option", { value: optionValue, selected: optionValue === value }, label);
    }),
  );
}

/** Tells screen readers what just happened (the page's aria-live region). */
export function announce(text) {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  // A fresh text node on the next frame is announced even when the words repeat.
  requestAnimationFrame(() => (region.textContent = text));
}

/** A button that does something (never submits a form by accident). */
export const button = (label, onclick, props = {}) => h("button", { type: "button", onclick, ...props }, label);

/** A `<datalist>` for suggestions, with its id. */
export function datalist(values) {
  const id = uid("list");
  return { id, el: h("datalist", { id }, values.map((value) => h("option", { value }))) };
}

/** A short local date and time. */
export const when = (ms) => (ms ? new Date(ms).toLocaleString() : "—");

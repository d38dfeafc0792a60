// Puts the worker's validation issues (`[{path, message}]`, the deepest path the schema names)
// on the fields that carry that path (`data-path`), and lists them in a summary.
import { fill, h } from "./dom.client.js";

/** The element for `path`, or for the closest enclosing path that has one. */
function target(root, path) {
  const parts = path.split(".");
  while (parts.length > 0) {
    const found = root.querySelector(`[data-path="${CSS.escape(parts.join("."))}"]`);
    if (found) return found;
    parts.pop();
  }
  return null;
}

/** Clears every mark a previous `markIssues` left. */
export function clearIssues(root) {
  for (const el of root.querySelectorAll("[aria-invalid=true]")) el.removeAttribute("aria-invalid");
  for (const el of root.querySelectorAll("p.error[data-issue]")) {
    el.textContent = "";
    el.hidden = true;
    el.removeAttribute("data-issue");
  }
}

/** The error slot that belongs to a control (see dom.field), or a new one after it. */
function errorSlot(control) {
  const id = `${control.id}-error`;
  let slot = control.id ? document.getElementById(id) : null;
  if (!slot) {
    if (!control.id) control.id = `p-${Math.random().toString(36).slice(2)}`;
    slot = h("p", { class: "error", id: `${control.id}-error` });
    control.after(slot);
    const described = control.getAttribute("aria-describedby");
    control.setAttribute("aria-describedby", `${described ? `${described} ` : ""}${slot.id}`);
  }
  return slot;
}

/**
 * Marks each issue's field (aria-invalid, its message under it) and fills `summary` with links
 * to them. Returns the first marked control.
 */
export function markIssues(root, summary, issues) {
  clearIssues(root);
  let first = null;
  const items = issues.map((issue) => {
    const control = target(root, issue.path);
    if (!control) return h("li", {}, `${issue.path}: ${issue.message}`);
    const isControl = control.matches("input, select, textarea");
    if (isControl) control.setAttribute("aria-invalid", "true");
    const slot = errorSlot(control);
    slot.textContent = slot.hasAttribute("data-issue") ? `${slot.textContent} ${issue.message}` : issue.message;
    slot.hidden = false;
    slot.setAttribute("data-issue", issue.path);
    const focusable = isControl ? control : (control.querySelector("input, select, textarea, button") ?? control);
    first ??= focusable;
    return h(
      "li",
      {},
      h(
        "a",
        {
          href: `#${control.id}`,
          onclick: (event) => {
            event.preventDefault();
            focusable.scrollIntoView({ block: "center" });
            focusable.focus();
          },
        },
        `${describe(issue.path)}: ${issue.message}`,
      ),
    );
  });
  if (summary) {
    if (issues.length === 0) fill(summary);
    else fill(summary, h("h2", {}, issues.length === 1 ? "1 problem to fix before saving" : `${issues.length} problems to fix before saving`), h("ul", {}, items));
    summary.hidden = issues.length === 0;
  }
  return first;
}

const PLACES = { segments: "Segment", heroes: "Hero", heroRules: "Hero rule", sortRules: "Sort rule", settings: "Settings", slots: "Slot" };

/** `heroes.kids.alt` → `Hero kids › alt`, `segments.2.when.top` → `Segment 3 › when › top`. */
export function describe(path) {
  const [top, ...rest] = path.split(".");
  const place = PLACES[top] ?? top;
  const shown = rest.map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part));
  return [shown.length ? `${place} ${shown.shift()}` : place, ...shown].join(" › ");
}

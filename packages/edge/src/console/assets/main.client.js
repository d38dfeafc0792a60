// The console's frame: which view the address names (#/editor, #/history …), the navigation
// for what the signed-in key may do, and focus on each view's heading.
import { announce, button, fill, h } from "./dom.client.js";
import { can, endSession, session } from "./api.client.js";
import * as signin from "./signin.client.js";
import * as editor from "./editor.client.js";
import * as history from "./history.client.js";
import * as preview from "./preview.client.js";
import * as live from "./live.client.js";
import * as why from "./why.client.js";
import * as keys from "./keys.client.js";
import * as sites from "./sites.client.js";

/** Every view: its address, its name in the navigation, and who may open it. */
const VIEWS = [
  { path: "editor", name: "Editor", view: editor, allowed: () => can("config:read") },
  { path: "history", name: "History", view: history, allowed: () => can("config:read") },
  { path: "preview", name: "Preview", view: preview, allowed: () => can("config:read") },
  { path: "live", name: "Live numbers", view: live, allowed: () => can("config:read") },
  { path: "why", name: "Why this hero?", view: why, allowed: () => can("visitors:read") },
  { path: "keys", name: "Keys", view: keys, allowed: () => can("keys:manage") },
  { path: "sites", name: "New site", view: sites, allowed: () => Boolean(session()?.operator) },
];

const main = () => document.getElementById("main");

function drawFrame(current) {
  const signedIn = session();
  const nav = document.getElementById("nav");
  const who = document.getElementById("who");
  if (!signedIn) {
    fill(nav);
    fill(who);
    return;
  }
  fill(
    nav,
    h(
      "ul",
      {},
      VIEWS.filter((entry) => entry.allowed()).map((entry) =>
        h("li", {}, h("a", { href: `#/${entry.path}`, "aria-current": entry.path === current ? "page" : false }, entry.name)),
      ),
      can("experiments:read") ? h("li", {}, h("a", { href: `/admin/sites/${encodeURIComponent(signedIn.site)}/experiments` }, "Experiments")) : null,
    ),
  );
  fill(
    who,
    `Site ${signedIn.site} · ${signedIn.operator ? "operator" : `key "${signedIn.name}"`} `,
    button("Sign out", () => {
      endSession();
      location.hash = "#/signin";
      announce("Signed out. The key was removed from this tab.");
    }),
  );
}

async function route() {
  const path = location.hash.replace(/^#\/?/, "").split("?")[0] || "";
  const signedIn = session();
  const entry = VIEWS.find((candidate) => candidate.path === path);
  if (!signedIn || path === "signin" || !entry) {
    if (signedIn && path !== "signin") {
      const first = VIEWS.find((candidate) => candidate.allowed());
      if (first) return void (location.hash = `#/${first.path}`);
    }
    drawFrame("signin");
    await show(signin, "Sign in");
    return;
  }
  if (!entry.allowed()) {
    drawFrame(path);
    fill(main(), h("h1", { tabindex: "-1" }, entry.name), h("p", { role: "alert" }, `Key "${signedIn.name}" may not open ${entry.name}: it lacks the scope for it.`));
    focusHeading();
    return;
  }
  drawFrame(path);
  await show(entry.view, entry.name);
}

async function show(view, title) {
  document.title = `${title} · Vitrine console`;
  const root = main();
  root.setAttribute("aria-busy", "true");
  try {
    await view.render(root);
  } catch (error) {
    fill(root, h("h1", { tabindex: "-1" }, title), h("p", { role: "alert", class: "problem" }, error?.message ?? String(error)));
  } finally {
    root.removeAttribute("aria-busy");
  }
  focusHeading();
}

/** After a view is drawn, focus moves to its heading, so keyboard and screen reader users start there. */
function focusHeading() {
  const heading = main().querySelector("h1");
  if (!heading) return;
  heading.setAttribute("tabindex", "-1");
  heading.focus();
}

window.addEventListener("hashchange", route);
window.addEventListener("vitrine:signed-out", (event) => {
  location.hash = "#/signin";
  announce(`Signed out: ${event.detail}`);
});
route();

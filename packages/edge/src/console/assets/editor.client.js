// The config editor: loads the site's current version, edits a working copy, checks it with
// the worker's own schema as you type, and saves it only onto the version it was loaded from.
import { announce, button, fill, h } from "./dom.client.js";
import { api, can, session } from "./api.client.js";
import { markIssues } from "./issues.client.js";
import { segmentsSection } from "./segments.client.js";
import { heroesSection } from "./heroes.client.js";
import { rulesSection } from "./rules.client.js";
import { settingsSection } from "./settings.client.js";
import { slotsSection } from "./slots.client.js";

/** The working copy: the version it came from, what was saved, the pickers' vocabulary. */
let state = null;

const SECTIONS = [
  { id: "segments", title: "Segments", draw: segmentsSection },
  { id: "heroes", title: "Hero variants", draw: heroesSection },
  { id: "hero-rules", title: "Hero rules", draw: (ctx) => rulesSection(ctx, "heroRules") },
  { id: "sort-rules", title: "Sort rules", draw: (ctx) => rulesSection(ctx, "sortRules") },
  { id: "slots", title: "Other slots", draw: slotsSection },
  { id: "settings", title: "Settings", draw: settingsSection },
];

async function load() {
  const site = session().site;
  const [current, vocab] = await Promise.all([api("GET", "/config"), api("GET", "/vocabulary")]);
  state = { site, version: current.body.version, config: structuredClone(current.body.config), saved: JSON.stringify(current.body.config), vocab: vocab.body, issues: [] };
}

/** Drops the working copy (after a rollback elsewhere, the next visit loads the new version). */
export function forget() {
  state = null;
}

export async function render(root) {
  if (!state || state.site !== session().site) await load();
  draw(root);
}

const dirty = () => JSON.stringify(state.config) !== state.saved;

function draw(root) {
  const status = h("p", { class: "status", id: "editor-status" });
  const summary = h("div", { class: "issues", id: "issues", tabindex: "-1", hidden: true });
  const conflict = h("div", { class: "conflict", id: "conflict", hidden: true });
  const body = h("div", { class: "editor" });
  let timer = 0;

  const showStatus = () => fill(status, `Version ${state.version}${dirty() ? " · unsaved changes" : " · saved"}`);
  const ctx = {
    config: state.config,
    vocab: state.vocab,
    changed() {
      showStatus();
      clearTimeout(timer);
      timer = setTimeout(() => check(false), 700);
    },
    redraw(id, focus) {
      const section = SECTIONS.find((entry) => entry.id === id);
      const old = body.querySelector(`#section-${id}`);
      old.replaceWith(drawSection(section, ctx));
      markIssues(body, summary, state.issues);
      if (focus) body.querySelector(focus)?.focus();
    },
  };

  /** Asks the worker whether the working copy is valid; marks the fields it names. */
  async function check(moveFocus) {
    clearTimeout(timer);
    let issues = [];
    try {
      await api("POST", "/validate", state.config);
    } catch (error) {
      if (error.status !== 400) throw error;
      issues = error.issues;
    }
    state.issues = issues;
    const first = markIssues(body, summary, issues);
    if (moveFocus && issues.length > 0) {
      summary.focus();
      announce(`${issues.length === 1 ? "1 problem" : `${issues.length} problems`}: nothing was saved. The first: ${issues[0].message}`);
    } else if (moveFocus) announce("No problems found.");
    return { issues, first };
  }

  async function save() {
    conflict.hidden = true;
    const { issues } = await check(true);
    if (issues.length > 0) return;
    try {
      const { body: saved } = await api("PUT", "/config", state.config, { headers: { "if-match": `"${state.version}"` } });
      state.version = saved.version;
      state.config = structuredClone(saved.config);
      state.saved = JSON.stringify(saved.config);
      draw(root);
      root.querySelector("#editor-status").focus();
      announce(`Saved as version ${saved.version}.`);
    } catch (error) {
      if (error.status === 409) return showConflict(error);
      if (error.status === 400) {
        state.issues = error.issues;
        markIssues(body, summary, error.issues);
        summary.focus();
        announce(`Not saved: ${error.message}`);
        return;
      }
      fill(conflict, h("p", {}, `Not saved: ${error.message}`));
      conflict.hidden = false;
      conflict.focus();
      announce(`Not saved: ${error.message}`);
    }
  }

  function showConflict(error) {
    const now = /now version (\d+)/.exec(error.message)?.[1];
    fill(
      conflict,
      h("h2", {}, "Not saved: the config changed meanwhile"),
      h("p", {}, `Someone saved ${now ? `version ${now}` : "a newer version"} after you opened version ${state.version}. Nothing was overwritten, and your changes are still here, unsaved.`),
      button("Reload the current version (discards your changes)", async () => {
        await load();
        draw(root);
        root.querySelector("#editor-status").focus();
        announce(`Reloaded version ${state.version}.`);
      }, { class: "primary" }),
    );
    conflict.hidden = false;
    conflict.focus();
    announce(`Not saved: someone saved ${now ? `version ${now}` : "a newer version"} meanwhile. Nothing was overwritten.`);
  }

  conflict.setAttribute("tabindex", "-1");
  conflict.setAttribute("role", "alert");
  status.setAttribute("tabindex", "-1");
  fill(body, SECTIONS.map((section) => drawSection(section, ctx)));
  const writable = can("config:write");
  const bar = h(
    "div",
    { class: "savebar", role: "group", "aria-label": "Save" },
    button("Save", save, { class: "primary", disabled: !writable, "aria-describedby": writable ? false : "readonly-note" }),
    button("Check for problems", () => check(true)),
    button("Discard changes", async () => {
      await load();
      draw(root);
      announce(`Changes discarded; showing version ${state.version}.`);
    }),
    writable ? null : h("p", { id: "readonly-note", class: "hint" }, "This key may read the config but not save it (it lacks config:write)."),
  );
  fill(
    root,
    h("h1", {}, `Editor · ${state.config.name ?? state.site}`),
    status,
    h("nav", { "aria-label": "Editor sections", class: "subnav" }, h("ul", {}, SECTIONS.map((section) => h("li", {}, h("a", { href: `#section-${section.id}`, onclick: jump(section.id) }, section.title))))),
    conflict,
    summary,
    body,
    bar,
  );
  showStatus();
  if (state.issues.length) markIssues(body, summary, state.issues);
}

/** In-page links that do not disturb the #/route. */
const jump = (id) => (event) => {
  event.preventDefault();
  const target = document.getElementById(`section-${id}`);
  target.scrollIntoView();
  target.querySelector("h2").focus();
};

function drawSection(section, ctx) {
  const headingId = `heading-${section.id}`;
  return h("section", { id: `section-${section.id}`, "aria-labelledby": headingId, class: "section" }, h("h2", { id: headingId, tabindex: "-1" }, section.title), section.draw(ctx));
}

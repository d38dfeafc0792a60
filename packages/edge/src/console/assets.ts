import css from "./assets/console.css";
import main from "./assets/main.client.js";
import dom from "./assets/dom.client.js";
import api from "./assets/api.client.js";
import bind from "./assets/bind.client.js";
import issues from "./assets/issues.client.js";
import signin from "./assets/signin.client.js";
import editor from "./assets/editor.client.js";
import segments from "./assets/segments.client.js";
import condition from "./assets/condition.client.js";
import heroes from "./assets/heroes.client.js";
import rules from "./assets/rules.client.js";
import settings from "./assets/settings.client.js";
import slots from "./assets/slots.client.js";
import history from "./assets/history.client.js";
import preview from "./assets/preview.client.js";
import live from "./assets/live.client.js";
import why from "./assets/why.client.js";
import keys from "./assets/keys.client.js";
import sites from "./assets/sites.client.js";

const JS = "text/javascript; charset=utf-8";

/** The console's files by name, as the browser asks for them under /admin/assets/. */
export const CONSOLE_ASSETS: Record<string, { body: string; type: string }> = {
  "console.css": { body: css, type: "text/css; charset=utf-8" },
  ...Object.fromEntries(
    Object.entries({ main, dom, api, bind, issues, signin, editor, segments, condition, heroes, rules, settings, slots, history, preview, live, why, keys, sites }).map(([name, body]) => [`${name}.client.js`, { body, type: JS }]),
  ),
};

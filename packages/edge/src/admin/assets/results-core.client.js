"use strict";
// The results pages' script, part 1: DOM helpers, number formats, the admin key (sessionStorage
// `vitrine.adminKey`, asked for in a labelled form) and loading the JSON. Plain browser
// JavaScript kept as text because the page ships it inline; it defines `start()`.

var KEY_NAME = "vitrine.adminKey";
var root = document.getElementById("main");
var site = root.dataset.site;
var experimentId = root.dataset.experiment;
var statusEl = document.getElementById("status");
var content = document.getElementById("content");
var keyForm = document.getElementById("key-form");
var keyInput = document.getElementById("admin-key");
var forgetButton = document.getElementById("forget-key");
var SVG_NS = "http://www.w3.org/2000/svg";

function fill(node, attrs, children) {
  Object.keys(attrs || {}).forEach(function (name) {
    var value = attrs[name];
    if (value === undefined || value === null || value === false) return;
    if (name === "text") node.textContent = String(value);
    else node.setAttribute(name, String(value));
  });
  (children || []).forEach(function (child) {
    if (child === null || child === undefined || child === false) return;
    node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  });
  return node;
}
/** An HTML element: el("p", {class: "meta"}, ["text", child]). */
function el(tag, attrs, children) { return fill(document.createElement(tag), attrs, children); }
/** An SVG element. */
function svgEl(tag, attrs, children) { return fill(document.createElementNS(SVG_NS, tag), attrs, children); }

function isNum(x) { return typeof x === "number" && isFinite(x); }
function pct(x, digits) { return isNum(x) ? (x * 100).toFixed(digits === undefined ? 2 : digits) + "%" : "–"; }
function signedPct(x, digits) { return isNum(x) ? (x > 0 ? "+" : x < 0 ? "−" : "") + pct(Math.abs(x), digits) : "–"; }
function range(low, high, format) { return isNum(low) && isNum(high) ? format(low) + " to " + format(high) : "–"; }
function money(x) { return isNum(x) ? x.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : "–"; }
function count(x) { return isNum(x) ? x.toLocaleString("en") : "–"; }
function pValue(p) { return !isNum(p) ? "–" : p < 0.001 ? "< 0.001" : p.toFixed(3); }
function date(ms) { return isNum(ms) ? new Date(ms).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "–"; }
function armLabel(arm) { return arm.name ? arm.name + " (" + arm.id + ")" : arm.id; }
function enc(x) { return encodeURIComponent(x); }

function readKey() { try { return sessionStorage.getItem(KEY_NAME); } catch (e) { return null; } }
function saveKey(key) { try { sessionStorage.setItem(KEY_NAME, key); } catch (e) { /* private mode: asked again next time */ } }
function dropKey() { try { sessionStorage.removeItem(KEY_NAME); } catch (e) { /* nothing kept */ } }
function say(text) { statusEl.textContent = text; }
function askKey(message) {
  keyForm.hidden = false;
  forgetButton.hidden = true;
  say(message);
  keyInput.focus();
}

/** GET with the admin key; a 401 forgets the key; any other failure names the API's message. */
async function api(path) {
  var res = await fetch(path, { headers: { authorization: "Bearer " + readKey() }, cache: "no-store" });
  if (res.status === 401) {
    dropKey();
    var denied = new Error("the admin key was not accepted");
    denied.status = 401;
    throw denied;
  }
  if (!res.ok) {
    var body = null;
    try { body = await res.json(); } catch (e) { /* not JSON */ }
    throw new Error((body && body.error && body.error.message) || "the worker answered " + res.status);
  }
  return res;
}

function resultsPath(format) {
  return "/v1/sites/" + enc(site) + "/experiments/" + enc(experimentId) + "/results" + (format ? "?format=" + format : "");
}

async function load() {
  if (!readKey()) return askKey("Enter the admin key to see the results.");
  keyForm.hidden = true;
  forgetButton.hidden = false;
  say("Loading…");
  try {
    if (experimentId) renderResults(await (await api(resultsPath())).json());
    else renderList(await (await api("/v1/sites/" + enc(site) + "/experiments")).json());
  } catch (error) {
    if (error.status === 401) askKey("That admin key was not accepted. Enter it again.");
    else say("Could not load the results: " + error.message);
  }
}

function renderList(data) {
  var rows = data.experiments.map(function (e) {
    return el("tr", {}, [
      el("th", { scope: "row" }, [el("a", { href: e.links.page, text: e.name }), el("span", { class: "sub", text: e.id })]),
      el("td", { class: "text", text: e.kind }),
      el("td", { class: "text", text: e.status }),
      el("td", { class: "text", text: e.targets.indexOf("*") >= 0 ? "every slot" : e.targets.join(", ") }),
      el("td", { class: "text", text: e.arms.map(function (a) { return a.id + (a.control && a.id !== "control" ? " (control)" : ""); }).join(", ") }),
      el("td", { text: count(e.visitors) }),
      el("td", { text: date(e.lastExposure) }),
    ]);
  });
  var head = el("tr", {}, ["Experiment", "Kind", "Status", "Changes", "Arms", "Visitors", "Last exposure"].map(function (t, i) { return el("th", { scope: "col", class: i >= 1 && i <= 4 ? "text" : null, text: t }); }));
  content.replaceChildren(
    data.experiments.length === 0
      ? el("p", { text: "This site's config has no experiments or holdouts yet." })
      : el("div", { class: "table-wrap" }, [el("table", {}, [el("caption", { text: "Experiments and holdouts of " + data.site }), el("thead", {}, [head]), el("tbody", {}, rows)])]),
  );
  say(data.experiments.length + " experiments and holdouts.");
}

function start() {
  keyForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var key = keyInput.value.trim();
    if (!key) return;
    saveKey(key);
    keyInput.value = "";
    load();
  });
  forgetButton.addEventListener("click", function () {
    dropKey();
    content.replaceChildren();
    askKey("The admin key was forgotten. Enter it again to see the results.");
  });
  load();
}

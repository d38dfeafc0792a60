import type { MiddlewareHandler } from "hono";
import type { FullDecision } from "@vitrine/shared";
import type { AppEnv } from "../env";
import { loadConfig } from "../config/store";
import { checkPreview } from "./secret";
import { claimedSite } from "./token";
import { previewDecision } from "./decide";

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const BAR_STYLE = "position:sticky;top:0;z-index:2147483647;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;background:#1b1b1f;color:#fff;font:600 15px/1.4 system-ui,sans-serif";

/** The bar a preview page carries at its top; `leave` is the same page without the preview. */
function bar(text: string, leave: string): string {
  return `<div data-vt-preview-bar role="region" aria-label="Preview" style="${BAR_STYLE}"><span>${escape(text)}</span><a href="${escape(leave)}" style="color:#fff;text-decoration:underline">Leave preview</a></div>`;
}

/** Elements without an end tag: a slot on one of them has no content to track. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** Which `data-vt-slot` the rewriter is inside (slots do not nest in practice; the innermost wins). */
type Stack = string[];

function fillSlots(rewriter: HTMLRewriter, decision: FullDecision, stack: Stack): HTMLRewriter {
  const current = () => decision.slots[stack[stack.length - 1] ?? ""];
  return rewriter
    .on("[data-vt-slot]", {
      element(el) {
        const id = el.getAttribute("data-vt-slot") ?? "";
        if (!Object.hasOwn(decision.slots, id)) return;
        const slot = decision.slots[id];
        if (slot) {
          el.setAttribute("data-vt-variant", slot.variant);
          el.removeAttribute("hidden");
        } else el.setAttribute("hidden", "");
        if (!VOID.has(el.tagName.toLowerCase())) {
          stack.push(id);
          el.onEndTag(() => void stack.pop());
        }
      },
    })
    .on("[data-vt-image]", {
      element(el) {
        const slot = current();
        if (slot?.image) el.setAttribute("src", slot.image);
        if (slot?.alt !== undefined) el.setAttribute("alt", slot.alt);
      },
    })
    .on("[data-vt-headline]", { element: (el) => void (current()?.headline !== undefined && el.setInnerContent(current()!.headline!)) })
    .on("[data-vt-subhead]", { element: (el) => void (current()?.subhead !== undefined && el.setInnerContent(current()!.subhead!)) })
    .on("[data-vt-text]", { element: (el) => void (current()?.text !== undefined && el.setInnerContent(current()!.text!)) })
    .on("[data-vt-cta]", {
      element(el) {
        const cta = current()?.cta;
        if (!cta) return;
        el.setInnerContent(cta.label);
        el.setAttribute("href", cta.href);
      },
    });
}

/** Internal links keep the preview, so the merchant can walk the shop as that segment. */
function withPreview(href: string, token: string): string {
  const url = new URL(href, "http://x");
  url.searchParams.set("vt_preview", token);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Shop pages the worker serves, opened with `?vt_preview=<token>` (from the console): the page
 * is rewritten on its way out to show the preview's decision — slots filled, "Why am I seeing
 * this?" explained, a "Preview: <segment>" bar on top — and the snippet's script tag is removed,
 * so nothing is recorded, counted or enrolled. A bad or expired link shows the bar saying so,
 * still without the snippet.
 * @example app.use("*", previewPages); // before the route that serves the shop
 */
export const previewPages: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = c.req.query("vt_preview");
  await next();
  if (token === undefined || c.req.method !== "GET" || !(c.res.headers.get("content-type") ?? "").includes("text/html")) return;
  const url = new URL(c.req.url);
  url.searchParams.delete("vt_preview");
  const leave = `${url.pathname}${url.search}`;
  const site = claimedSite(token) ?? "";
  let decision: FullDecision | null = null;
  let text: string;
  try {
    const claims = await checkPreview(c.env, site, token, `GET ${c.req.path}`);
    const config = await loadConfig(c.env, claims.site);
    decision = previewDecision({ config, as: claims.as, label: claims.label, visitor: "preview-visitor", now: Date.now() });
    text = `Preview: ${claims.label} — nothing you do here is recorded.`;
  } catch (error) {
    text = `Preview unavailable: ${error instanceof Error ? error.message.replace(/^vitrine: GET \S+: /, "") : "invalid link"}`;
  }
  let rewriter = new HTMLRewriter()
    .on('script[src*="/v1/sdk.js"]', { element: (el) => void el.remove() })
    .on("body", { element: (el) => void el.prepend(bar(text, leave), { html: true }) })
    .on('a[href^="/"]', {
      element(el) {
        const href = el.getAttribute("href");
        if (href && !href.startsWith("//") && decision) el.setAttribute("href", withPreview(href, token));
      },
    });
  if (decision) {
    rewriter = fillSlots(rewriter, decision, []).on("[data-vt-explain]", {
      element: (el) => void el.setInnerContent(`<ul>${decision!.explain.map((line) => `<li>${escape(line)}</li>`).join("")}</ul>`, { html: true }),
    });
  }
  const res = rewriter.transform(c.res);
  c.res = new Response(res.body, res);
  c.res.headers.set("cache-control", "no-store");
  c.res.headers.set("x-robots-tag", "noindex");
  c.res.headers.delete("etag");
  c.res.headers.delete("content-length");
};

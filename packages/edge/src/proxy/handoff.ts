import type { Decision } from "@vitrine/shared";

/** Where the snippet is served and posts to on a proxied shop: the shop's own origin, under this path. */
export const SAME_ORIGIN_PREFIX = "/_vt";

/** What the worker hands the snippet on a page it served. */
export interface Handoff {
  site: string;
  /** The shop's origin as the browser sees it (`https://shop.example`). */
  origin: string;
  /** The visitor id the worker set as the first-party cookie; absent when it set none. */
  visitor?: string;
  /** The decision already applied to this page; absent when the page was left as it came. */
  decision?: Decision;
  /** The site wants consent before anything is recorded. */
  consent?: boolean;
}

const escapeAttr = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The snippet's script tag the worker adds before `</body>`: same-origin source and endpoint
 * (`/_vt/v1/…`, which blockers of third-party tag hosts leave alone), and the handoff in data
 * attributes — `data-visitor` (the cookie's id, which the snippet must use instead of its own)
 * and `data-decision` (the applied decision as JSON, so the snippet does not ask again: it records
 * the page view through collect and keeps the decision for later pages).
 * @example snippetTag({ site: "demo", origin: "https://shop.example", visitor: "Zx8kR2v0Yq3LmN5pT7wA1c", decision })
 * // '<script src="/_vt/v1/sdk.js" data-site="demo" data-endpoint="https://shop.example/_vt" data-proxy data-visitor="Zx8k…" data-decision="{&quot;visitor&quot;…}" async></script>'
 */
export function snippetTag(handoff: Handoff): string {
  const attrs = [
    `src="${SAME_ORIGIN_PREFIX}/v1/sdk.js"`,
    `data-site="${escapeAttr(handoff.site)}"`,
    `data-endpoint="${escapeAttr(handoff.origin + SAME_ORIGIN_PREFIX)}"`,
    "data-proxy",
    handoff.consent ? 'data-consent="required"' : "",
    handoff.visitor ? `data-visitor="${escapeAttr(handoff.visitor)}"` : "",
    handoff.decision ? `data-decision="${escapeAttr(JSON.stringify(handoff.decision))}"` : "",
    "async",
  ];
  return `<script ${attrs.filter(Boolean).join(" ")}></script>`;
}

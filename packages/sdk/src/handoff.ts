import type { Decision } from "./types";

/**
 * Proxy mode's handoff: the decision the worker wrote into the page as it rewrote the HTML, so
 * the snippet applies it without asking again. Read once (the element is removed), so a later
 * SPA page view asks the worker as usual. Returns undefined without one, or when it is no JSON.
 *
 * The format is not final. Proposed: `<script type="application/json" data-vt-decision>` holding
 * the `Decision` as decide answers it. Built into the snippet only with the build flag
 * `PROXY_HANDOFF` (see build.mjs), so it costs nothing until proxy mode ships.
 * @example const decision = readHandoff() ?? (await post("decide", body));
 */
export const readHandoff = (): Decision | undefined => {
  const el = document.querySelector("script[data-vt-decision]");
  try {
    el!.remove();
    return JSON.parse(el!.textContent!);
  } catch {}
};

/**
 * The script-tag entry, built into `vitrine.min.js`: settings from the tag's `data-*`
 * attributes, the worker's origin from its `src` (or `data-endpoint`); replaces the inline stub
 * `window.vitrine` and replays the calls it queued. Top-level code: the build wraps the file in
 * an IIFE.
 */
import { start } from "./vitrine";
import { readHandoff } from "./handoff";
import type { VitrineGlobal } from "./types";

try {
  const w = window as unknown as { vitrine?: VitrineGlobal & { q?: ArrayLike<unknown>[] } },
    s = document.currentScript as HTMLScriptElement,
    a = (k: string) => s.getAttribute("data-" + k),
    site = a("site"),
    q = w.vitrine?.q || [];
  // Without a site there is nothing to ask; loaded twice, the first copy keeps running.
  if (site && !w.vitrine?.page) {
    const v = ((k: string, ...x: unknown[]) => {
      try {
        (v as any)[k](...x);
      } catch {}
    }) as VitrineGlobal;
    const endpoint = a("endpoint") || new URL(s.src).origin;
    start(
      {
        site,
        endpoint,
        consent: a("consent") == "required",
        debug: a("debug") != null,
        // Proxy mode's handoff (data-visitor, data-decision), on the tag the worker injected.
        ...(PROXY_HANDOFF && { visitor: s.dataset.visitor, decision: readHandoff(s) }),
      },
      v,
      // The lazy part, from the worker beside the snippet.
      () => import(endpoint + "/v1/sdk-extra.js"),
    );
    w.vitrine = v;
    for (const x of q) (v as any)(...(x as unknown[]));
  }
} catch {}

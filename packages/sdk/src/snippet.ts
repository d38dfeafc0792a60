/**
 * The script-tag entry, built into `vitrine.min.js`: settings from the tag's `data-*`
 * attributes, the worker's origin from its `src` (or `data-endpoint`); replaces the inline stub
 * `window.vitrine` and replays the calls it queued. Top-level code: the build wraps the file in
 * an IIFE.
 */
import { init } from "./vitrine";
import type { VitrineGlobal } from "./types";

try {
  const w = window as unknown as { vitrine?: VitrineGlobal & { q?: ArrayLike<unknown>[] } },
    s = document.currentScript as HTMLScriptElement,
    a = (k: string) => s.getAttribute("data-" + k),
    g = a("guard"),
    site = a("site"),
    q = w.vitrine?.q || [];
  // Without a site there is nothing to ask; loaded twice, the first copy keeps running.
  if (site && !w.vitrine?.page) {
    const v = ((k: string, ...x: unknown[]) => {
      try {
        (v as any)[k](...x);
      } catch {}
    }) as VitrineGlobal;
    init(
      {
        site,
        endpoint: a("endpoint") || new URL(s.src).origin,
        consent: a("consent") == "required",
        guard: g == null ? 0 : +g || 400,
        nonce: a("nonce") || s.nonce,
        debug: a("debug") != null,
      },
      v,
    );
    w.vitrine = v;
    for (const x of q) (v as any)(...(x as unknown[]));
  }
} catch {}

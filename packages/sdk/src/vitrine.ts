import { MAX_TITLE_LENGTH } from "@vitrine/shared/limits";
import type { Decision, EventType, Options, TrackProps, Vitrine, VitrineEvent } from "./types";
import { apply } from "./apply";
import { backoff } from "./backoff";
import { toEvent } from "./event";
import { readCards, readPage } from "./page";
import { scrub } from "./scrub";
import { tx } from "./queue-db";

type Cached = { d: Decision; x: number };

const b64 = (b: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(b)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .split("=")[0]!;

/** `n` random bytes as base64url. */
const rid = (n: number) => b64(crypto.getRandomValues(new Uint8Array(n)));

/**
 * localStorage: get (no `v`), set (a string) or remove (`null`), through Storage's named
 * properties (shorter than getItem/setItem). Never throws: storage may be blocked.
 */
const ls = (k: string, v?: string | null): string | undefined | void => {
  try {
    const s: Record<string, string> = localStorage;
    return v === undefined ? s[k] : v === null ? void delete s[k] : void (s[k] = v);
  } catch {}
};


/**
 * Starts Vitrine on the current page: applies the cached decision at once, records the page
 * view, asks the worker for a fresh decision and applies it, follows SPA navigations, and
 * delivers tracked events through an IndexedDB queue. Call it once, in the browser.
 * @example
 * import { init } from "@vitrine/sdk";
 * const vitrine = init({ site: "demo", endpoint: "https://edge.example.com" });
 * vitrine.track("add_to_cart", { sku: "NC-100", price: 349 });
 */
export const init = (o: Options, api = {} as Vitrine): Vitrine => {
  const d = document,
    w = window,
    now = Date.now,
    E = o.endpoint + "/v1/",
    log = o.debug ? (...a: unknown[]) => console.log("[vitrine]", ...a) : () => {},
    emit = (t: string, detail: unknown) => d.dispatchEvent(new CustomEvent("vitrine:" + t, { detail })),
    fail = (e: unknown) => {
      log(e);
      emit("error", e);
    },
    /** Every entry point goes through this: nothing thrown or rejected reaches the host page. */
    safe =
      <A extends any[]>(f: (...a: A) => unknown) =>
      (...a: A): void => {
        try {
          (f(...a) as Promise<unknown> | undefined)?.catch?.(fail);
        } catch (e) {
          fail(e);
        }
      },
    gpc = (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true,
    href = () => location.href;
  let ok = !gpc && (o.consent ? ls("vt_ok") == "1" : ls("vt_ok") != "0"),
    vid = "",
    /** Queued on this page and not yet confirmed: what the pagehide beacon carries. */
    mem: VitrineEvent[] = [],
    busy = 0,
    /** 1 once a batch was refused: from then on events go one per request. */
    solo = 0,
    tries = 0,
    timer: ReturnType<typeof setTimeout> | undefined,
    guard: HTMLStyleElement | undefined,
    ref = d.referrer,
    cur = href(),
    seen = 0;

  const visitor = () => {
    let v = ls("vt_id");
    if (!v) ls("vt_id", (v = rid(16)));
    vid = v as string;
  };
  /**
   * Resolves to the answer, or to null when the worker refused the body (a 4xx no retry can fix:
   * reported, and the events are dropped rather than blocking the queue); rejects otherwise.
   */
  const post = (path: string, body: object, signal?: AbortSignal) =>
    fetch(E + path, { method: "POST", keepalive: true, signal, body: JSON.stringify({ site: o.site, visitor: vid, ...body }) }).then(
      (r) => {
        const s = r.status,
          e = Error(`vitrine: POST /v1/${path} answered ${s}`);
        if (r.ok) return r.json();
        if (s < 400 || s > 499 || s == 429) throw e;
        fail(e);
        return null;
      },
    );
  const later = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };
  /** Removes confirmed events: only a 2xx (or a refusal no retry can fix) takes an event off the queue. */
  const done = (q: VitrineEvent[]) => {
    const ids = q.map((e) => e.id);
    mem = mem.filter((e) => !ids.includes(e.id));
    return tx("readwrite", (s) => ids.forEach((i) => s.delete(i))).catch(log);
  };
  const flush = async () => {
    if (busy || !ok) return;
    busy = 1;
    try {
      // Without IndexedDB (blocked, private mode) the page's own events are the queue.
      const q = (await tx<VitrineEvent[]>("readonly", (s) => s.getAll()).catch(() => mem)).slice(0, solo || 50);
      if (q[0]) {
        const r = await post("collect", { events: q });
        tries = 0;
        // A refused batch goes out again one event at a time, so only the bad event is dropped.
        if (r === null && q[1]) solo = 1;
        else await done(q);
        // Go on while the queue had more, or events came in meanwhile.
        if (solo || q[49] || mem[0]) later(0);
      }
    } catch (e) {
      fail(e);
      later(backoff(tries++));
    }
    busy = 0;
  };
  const add = (e: VitrineEvent) => {
    if (ok) {
      mem.push(e);
      tx("readwrite", (s) => s.put(e, e.id)).catch(log);
    }
  };
  const ev = (type: EventType, p?: TrackProps & Partial<VitrineEvent>): VitrineEvent => ({
    url: scrub(href()),
    ...toEvent(type, p),
    id: rid(12),
    ts: now(),
  });
  const unguard = () => guard?.remove();

  /** A page view travels with decide: one round trip records it and answers. */
  const pv = async () => {
    seen = 1;
    const page = readPage(),
      e = ev(page.type, page);
    e.referrer = scrub(ref);
    e.title = d.title.slice(0, MAX_TITLE_LENGTH);
    ref = cur = href();
    if (!ok) return;
    add(e);
    try {
      // Browsers without AbortSignal.timeout wait for the answer; the guard still lifts on time.
      const dec: Decision | null = await post("decide", { events: [e], url: e.url, products: readCards() }, AbortSignal.timeout?.(o.timeout || 1500));
      if (dec) {
        api.decision = dec;
        ls("vt_dec", JSON.stringify({ d: dec, x: now() + dec.ttl * 1e3 } satisfies Cached));
        apply(dec);
        log(dec);
        emit("decision", dec);
      }
      await done([e]);
    } catch (x) {
      // The page view stays queued and goes out through collect.
      fail(x);
    }
    unguard();
    flush();
  };
  const bye = () => {
    if (ok && mem[0]) navigator.sendBeacon(E + "collect", JSON.stringify({ site: o.site, visitor: vid, events: mem }));
    mem = [];
  };
  const on = (t: string, f: (e: any) => unknown, x: EventTarget = w) => x.addEventListener(t, safe(f));
  const nav = safe(() => {
    if (href().split("#")[0] != cur.split("#")[0]) setTimeout(api.page);
  });

  api.track = safe((type: EventType, p?: TrackProps) => {
    add(ev(type, p));
    later(500);
  });
  api.identify = safe(async (id: string) =>
    api.track("identify", { user: b64(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(id))) } as TrackProps),
  );
  api.consent = safe((g: boolean) => {
    if (gpc || g == ok) return;
    if (g) {
      ok = true;
      ls("vt_ok", "1");
      visitor();
      add(ev("consent", { granted: true }));
      if (seen) api.page();
    } else {
      // Tell the worker once, so it can forget this visitor too.
      post("collect", { events: [ev("consent", { granted: false })] }).catch(log);
      ok = false;
      ls("vt_ok", "0");
      ls("vt_id", null);
      ls("vt_dec", null);
      indexedDB.deleteDatabase("vitrine");
      mem = [];
      api.decision = undefined;
    }
  });
  api.page = safe(pv);
  const cached = safe(() => apply(api.decision!, true));

  if (ok) {
    visitor();
    if (o.guard) {
      guard = d.createElement("style");
      guard.nonce = o.nonce || "";
      guard.textContent = "[data-vt-slot],[data-vt-sort]{visibility:hidden}";
      d.head.appendChild(guard);
      setTimeout(unguard, o.guard);
    }
    // The last decision, applied before the network answers: no flicker on later pages.
    let c: Cached | undefined;
    try {
      c = JSON.parse(ls("vt_dec") as string);
    } catch {}
    if (c && c.x > now()) {
      api.decision = c.d;
      cached();
    }
  }
  const start = () => {
    if (api.decision) {
      cached();
      unguard();
    }
    api.page();
  };
  if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", start);
  else start();

  for (const k of ["pushState", "replaceState"] as const) {
    const f = history[k];
    history[k] = function (this: History, ...a: Parameters<History["pushState"]>) {
      const r = f.apply(this, a);
      nav();
      return r;
    };
  }
  on("popstate", nav);
  on("pageshow", (e: PageTransitionEvent) => e.persisted && pv());
  on("pagehide", bye);
  on("visibilitychange", () => d.visibilityState == "hidden" && bye(), d);
  on("online", () => {
    tries = 0;
    flush();
  });
  return api;
};

import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST, MAX_TITLE_LENGTH } from "@vitrine/shared/limits";
import type { Decision, EventType, Options, TrackProps, Vitrine, VitrineEvent } from "./types";
import { apply } from "./apply";
import { toEvent } from "./event";
import { readCards, readPage, readSlots } from "./page";
import { createQueue, type Post } from "./queue";
import { scrub } from "./scrub";

/** The last decision as `localStorage.vt_dec` keeps it: `d` the decision, `x` when it expires (ms). */
type Cached = { d: Decision; x: number };

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .split("=")[0]!;

/** `length` random bytes as base64url. */
const randomId = (length: number) => base64url(crypto.getRandomValues(new Uint8Array(length)));

/**
 * localStorage: get (no `value`), set (a string) or remove (`null`), through Storage's named
 * properties (shorter than getItem/setItem). Never throws: storage may be blocked.
 */
const storage = (key: string, value?: string | null): string | undefined | void => {
  try {
    const store: Record<string, string> = localStorage;
    return value === undefined ? store[key] : value === null ? void delete store[key] : void (store[key] = value);
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
export const init = (options: Options, api = {} as Vitrine): Vitrine => {
  const endpoint = options.endpoint + "/v1/",
    log = options.debug ? (...args: unknown[]) => console.log("[vitrine]", ...args) : () => {},
    emit = (type: string, detail: unknown) => document.dispatchEvent(new CustomEvent("vitrine:" + type, { detail })),
    report = (error: unknown) => {
      log(error);
      emit("error", error);
    },
    /** Every entry point goes through this: nothing thrown or rejected reaches the host page. */
    safe =
      <A extends any[]>(f: (...args: A) => unknown) =>
      (...args: A): void => {
        try {
          (f(...args) as Promise<unknown> | undefined)?.catch?.(report);
        } catch (error) {
          report(error);
        }
      },
    gpc = (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true,
    href = () => location.href;
  let consented = !gpc && (options.consent ? storage("vt_ok") == "1" : storage("vt_ok") != "0"),
    visitor = "",
    guard: HTMLStyleElement | undefined,
    referrer = document.referrer,
    current = href(),
    navigation: ReturnType<typeof setTimeout> | undefined,
    viewed = 0;

  const loadVisitor = () => {
    let id = storage("vt_id");
    if (!id) storage("vt_id", (id = randomId(16)));
    visitor = id as string;
  };
  // Only a request sent while the page goes away needs keepalive, whose budget is 64 KiB for all
  // requests in flight: a decide with many cards could otherwise crowd out the page's last events.
  const post: Post = (path, fields, signal, leaving) =>
    fetch(endpoint + path, { method: "POST", keepalive: leaving, signal, body: JSON.stringify({ site: options.site, visitor, ...fields }) }).then((response) => {
      const status = response.status,
        error = Error(`vitrine: POST /v1/${path} answered ${status}`);
      if (response.ok) return response.json();
      if (status < 400 || status > 499 || status == 429) throw error;
      report(error);
      return null;
    });
  const queue = createQueue(post, () => consented, report, log);
  const event = (type: EventType, props?: TrackProps & Partial<VitrineEvent>): VitrineEvent => ({
    url: scrub(href()),
    ...toEvent(type, props),
    id: randomId(12),
    ts: Date.now(),
  });
  const unguard = () => guard?.remove();

  /** A page view travels with decide: one round trip records it and answers. */
  const pageView = async () => {
    viewed = 1;
    const page = readPage(),
      view = event(page.type, page);
    view.referrer = scrub(referrer);
    view.title = document.title.slice(0, MAX_TITLE_LENGTH);
    referrer = current = href();
    if (!consented) return;
    // What is queued and not yet delivered rides along (a purchase just tracked, say), so the
    // decision sees it; oldest first, leaving room in the request for the page's cards. The view
    // is queued first, so a page left meanwhile still has it.
    queue._add(view);
    const events = [view, ...(await queue._pending(MAX_EVENTS_PER_REQUEST - 1, MAX_BODY_BYTES / 4)).filter((e) => e.id != view.id)];
    try {
      // Browsers without AbortSignal.timeout wait for the answer; the guard still lifts on time.
      const decision: Decision | null = await post(
        "decide",
        // `explain` asks for the reasons and coarse traits: for a [data-vt-explain] element, or to log them.
        { events, products: readCards(), slots: readSlots(), explain: options.debug || !!document.querySelector("[data-vt-explain]") },
        AbortSignal.timeout?.(options.timeout || 1500),
      );
      // Refused (null): the events stay queued and go through collect, which isolates a bad one.
      if (decision) {
        api.decision = decision;
        storage("vt_dec", JSON.stringify({ d: decision, x: Date.now() + decision.ttl * 1e3 } satisfies Cached));
        apply(decision);
        log(decision);
        emit("decision", decision);
        await queue._done(events);
      }
    } catch (error) {
      // The events stay queued and go out through collect.
      report(error);
    }
    unguard();
    queue._send();
  };
  const on = (type: string, listener: (e: any) => unknown, target: EventTarget = window) => target.addEventListener(type, safe(listener));
  /** A new URL (not only a new hash): a page view once the app has rendered and stopped navigating. */
  const navigated = safe(() => {
    clearTimeout(navigation);
    if (href().split("#")[0] != current.split("#")[0]) navigation = setTimeout(api.page, 100);
  });

  api.track = safe((type: EventType, props?: TrackProps) => {
    queue._add(event(type, props));
    queue._send(500);
  });
  api.identify = safe(async (id: string) =>
    api.track("identify", { user: base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(id))) } as TrackProps),
  );
  api.consent = safe((granted: boolean) => {
    if (gpc || granted == consented) return;
    if (granted) {
      consented = true;
      storage("vt_ok", "1");
      loadVisitor();
      queue._add(event("consent", { granted: true }));
      if (viewed) api.page();
    } else {
      // Tell the worker once, so it can forget this visitor too.
      post("collect", { events: [event("consent", { granted: false })] }).catch(log);
      consented = false;
      storage("vt_ok", "0");
      storage("vt_id", null);
      storage("vt_dec", null);
      queue._clear();
      api.decision = undefined;
    }
  });
  api.page = safe(pageView);
  const applyCached = safe(() => apply(api.decision!, true));

  if (consented) {
    loadVisitor();
    if (options.guard) {
      guard = document.createElement("style");
      guard.nonce = options.nonce || "";
      guard.textContent = "[data-vt-slot],[data-vt-sort]{visibility:hidden}";
      document.head.append(guard);
      setTimeout(unguard, options.guard);
    }
    // The last decision, applied before the network answers: no flicker on later pages.
    let cached: Cached | undefined;
    try {
      cached = JSON.parse(storage("vt_dec") as string);
    } catch {}
    if (cached && cached.x > Date.now()) {
      api.decision = cached.d;
      applyCached();
    }
  }
  const start = () => {
    if (api.decision) {
      applyCached();
      unguard();
    }
    api.page();
  };
  // On a later task even when the DOM is ready: calls the inline stub queued are replayed first,
  // so what they track rides on this page's decide.
  if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", start);
  else setTimeout(start);

  for (const method of ["pushState", "replaceState"] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History["pushState"]>) {
      original.apply(this, args);
      navigated();
    };
  }
  on("popstate", navigated);
  on("pageshow", (e: PageTransitionEvent) => e.persisted && pageView());
  // Fires as the page goes away too (also where pagehide would), and on a hidden tab that may never come back.
  on("visibilitychange", () => document.hidden && queue._leave(), document);
  on("online", () => queue._send());
  return api;
};

import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST, VISITOR_ID } from "@vitrine/shared/limits";
import type { Decision, EventType, Options, TrackProps, Vitrine, VitrineEvent } from "./types";
import { all, apply } from "./apply";
import { toEvent } from "./event";
import { readCards, readPage, readSlots } from "./page";
import { createQueue, type Post } from "./queue";
import { redact, scrub } from "./scrub";
import { randomId } from "./id";
import { storage } from "./storage";
import { parse } from "./parse";
import type { LoadExtra } from "./extra";

/** The last decision as `localStorage.vt_dec` keeps it: `d` the decision, `x` when it expires (ms). */
type Cached = { d: Decision; x: number };

/**
 * Starts Vitrine on the current page: applies the cached decision at once, records the page
 * view, asks the worker for a fresh decision and applies it, follows SPA navigations, and
 * delivers tracked events through an IndexedDB queue. `api` is the object it fills in (the
 * script tag's callable `window.vitrine`); `loadExtra` brings the lazy part (`extra.ts`: delivery
 * through collect, identify, the consent withdrawal) on first use. Call it once, in the browser.
 * @example
 * const vitrine = start({ site: "demo", endpoint: "https://edge.example.com" }, {} as Vitrine, () => import("./extra"));
 * vitrine.track("add_to_cart", { sku: "NC-100", price: 349 });
 */
export const start = (options: Options, api: Vitrine, loadExtra: LoadExtra): Vitrine => {
  const endpoint = options.endpoint + "/v1/",
    log = options.debug ? (...args: unknown[]) => console.log(...args) : () => {},
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
    referrer = document.referrer,
    current = href(),
    navigation: ReturnType<typeof setTimeout> | undefined,
    viewed = 0,
    // Proxy mode: the decision the worker applied as it served the page, for its first page view only.
    handoff = options.decision;

  // Proxy mode's id (the worker's first-party cookie) wins and becomes the snippet's own, when it
  // is an id the worker takes (any tag may carry data-visitor). Undefined tests as "undefined".
  const loadVisitor = () => storage("vt_id", (visitor = (VISITOR_ID.test(options.visitor!) && options.visitor) || (storage("vt_id") as string) || randomId()));
  // Only a request sent while the page goes away needs keepalive, whose budget is 64 KiB for all
  // requests in flight: a decide with many cards could otherwise crowd out the page's last events.
  // `sentAt` lets the worker correct the events' times by this clock's skew.
  const post: Post = (path, fields, signal, leaving) =>
    fetch(endpoint + path, { method: "POST", keepalive: leaving, signal, body: JSON.stringify({ site: options.site, visitor, sentAt: Date.now(), ...fields }) }).then((response) => {
      const status = response.status,
        error = Error(`vitrine: POST /v1/${path} answered ${status}`, { cause: response });
      if (response.ok) return response.json();
      // Size hack: (status / 100) ^ 4 is 0 for 400-499 only. A 429 or a 5xx may pass with time.
      if ((status / 100) ^ 4 || status == 429) throw error;
      report(error);
      return null;
    });
  const queue = createQueue(post, () => consented, report, log, loadExtra);
  const event = (type: EventType, props?: TrackProps & Partial<VitrineEvent>): VitrineEvent => ({
    url: scrub(href()),
    // What the page passes (and reads from markup) is scrubbed like URLs.
    ...JSON.parse(redact(JSON.stringify(toEvent(type, props)))),
    id: randomId(),
    ts: Date.now(),
  });

  /** A page view travels with decide: one round trip records it and answers. */
  const pageView = async () => {
    viewed = 1;
    const page = readPage(),
      view = event(page.type, page);
    view.referrer = scrub(referrer);
    referrer = current = href();
    if (!consented) return;
    // What is queued and not yet delivered rides along (a purchase just tracked, say), so the
    // decision sees it; oldest first, leaving room in the request for the page's cards. The view
    // is queued first, so a page left meanwhile still has it.
    queue._add(view);
    const events = [view, ...(await queue._pending(MAX_EVENTS_PER_REQUEST - 1, MAX_BODY_BYTES / 4)).filter((e) => e.id != view.id)];
    // Proxy mode: the worker decided as it served the page; the events then go through collect.
    const given = handoff;
    handoff = undefined;
    try {
      // Browsers without AbortSignal.timeout wait for the answer.
      const decision: Decision | null =
        given ||
        (await post(
          "decide",
          // `explain` asks for the reasons and coarse traits: for a [data-vt-explain] element, or to log them.
          { events, products: readCards(), slots: readSlots(), explain: options.debug || !!all("[data-vt-explain]")[0] },
          AbortSignal.timeout?.(options.timeout || 1500),
        ));
      // Refused (null): the events stay queued and go through collect, which isolates a bad one.
      if (decision) {
        api.decision = decision;
        const json = JSON.stringify({ d: decision, x: Date.now() + decision.ttl * 1e3 } satisfies Cached);
        storage("vt_dec", json);
        apply(decision);
        offers(decision, json);
        log(decision);
        emit("decision", decision);
        // A fallback default says the worker could not record them: they stay queued (below).
        if (decision.hero.reason.basis != "fallback" && (!given || (await post("collect", { events })))) return await queue._done(events);
      }
    } catch (error) {
      report(error);
    }
    // Not delivered: the events stay queued and go out through collect.
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
  api.identify = safe(async (id: string) => api.track("identify", { user: await (await loadExtra()).h(id) } as TrackProps));
  /** Has the worker forget `id` (if any), retrying until it answers; `vt_bye` holds the id until then. */
  const forget = (id: unknown) => id && loadExtra().then((extra) => extra.w(post, storage, id as string));
  api.consent = safe((granted: boolean) => {
    if (gpc || granted == consented) return;
    consented = granted;
    storage("vt_ok", granted ? "1" : "0");
    if (granted) {
      loadVisitor();
      queue._add(event("consent", { granted }));
      if (viewed) api.page();
    } else {
      // The handoff's id goes too: a later consent(true) on this page starts a new visitor.
      options.visitor = "";
      storage("vt_id", null);
      storage("vt_dec", null);
      queue._clear();
      api.decision = undefined;
      // The worker forgets the visitor too, however long that takes.
      storage("vt_bye", visitor);
      return forget(visitor);
    }
  });
  api.page = safe(pageView);
  /**
   * An offer's code and countdown, and an explanation, come with the lazy part; once a page had
   * an offer, every later decision goes there too, to stop the old countdowns. A call for a
   * decision no longer the page's does nothing. Size hack: `"offer":` can only be a key, as quotes inside strings are escaped.
   */
  let ticking: unknown;
  const offers = safe((dec: Decision, json: string) => ((ticking ||= json.includes('"offer":')) || dec.explain) && loadExtra().then((extra) => api.decision == dec && extra.o(dec)));
  const applyCached = safe(() => (apply(api.decision!, true), offers(api.decision!, JSON.stringify(api.decision))));

  if (consented) {
    loadVisitor();
    // The last decision, applied before the network answers: no flicker on later pages.
    const cached: Cached | undefined = parse(storage("vt_dec") as string);
    // A handoff's decision is already in the page: no cached one over it.
    if (!handoff && cached && cached.x > Date.now()) {
      api.decision = cached.d;
      applyCached();
    }
  }
  // A withdrawal the worker has not confirmed yet (the page that asked was left).
  safe(forget)(storage("vt_bye"));
  const begin = () => {
    if (api.decision) applyCached();
    api.page();
  };
  // On a later task even when the DOM is ready: calls the inline stub queued are replayed first,
  // so what they track rides on this page's decide.
  if (document.readyState == "loading") on("DOMContentLoaded", begin, document);
  else setTimeout(begin);

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
  // Back online: what waits goes out (loading the delivery part, if that failed offline).
  on("online", () => queue._send());
  return api;
};

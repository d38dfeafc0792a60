/**
 * Vitrine for bundler users: `init` does what the script tag does, without the global.
 * @example
 * import { init } from "@vitrine/sdk";
 * const vitrine = init({ site: "demo", endpoint: "https://edge.example.com" });
 * document.addEventListener("vitrine:decision", (e) => console.log(vitrine.decision?.segments));
 */
import type { Options, Vitrine } from "./types";
import { start } from "./vitrine";

/**
 * Starts Vitrine on the current page, as the script tag does but without the global: applies the
 * cached decision, records the page view, asks for a decision and applies it, follows SPA
 * navigations and delivers what `track` records. Call it once, in the browser. Delivery through
 * collect, identify, the consent withdrawal, offers' countdowns and the explanation come as a
 * chunk of this package, loaded on first use.
 * @example
 * import { init } from "@vitrine/sdk";
 * const vitrine = init({ site: "demo", endpoint: "https://edge.example.com" });
 * vitrine.track("add_to_cart", { sku: "NC-100", price: 349 });
 */
export const init = (options: Options): Vitrine => start(options, {} as Vitrine, () => import("./extra"));
export type {
  Basis,
  Decision,
  EventOrder,
  EventProduct,
  EventType,
  Hero,
  Options,
  ProductCard,
  PublicTraits,
  Reason,
  SlotContent,
  SortStrategy,
  Source,
  TrackProps,
  Traits,
  Vitrine,
  VitrineEvent,
  VitrineGlobal,
} from "./types";

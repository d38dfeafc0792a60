/**
 * Vitrine for bundler users: `init` does what the script tag does, without the global.
 * @example
 * import { init } from "@vitrine/sdk";
 * const vitrine = init({ site: "demo", endpoint: "https://edge.example.com" });
 * document.addEventListener("vitrine:decision", (e) => console.log(vitrine.decision?.segments));
 */
export { init } from "./vitrine";
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

import type { Decision } from "./types";
import { parse } from "./parse";

/**
 * Proxy mode's handoff, from the script tag the worker injects into the page it rewrote:
 * `data-decision` holds the decision already applied, as `POST /v1/decide` answers it (see
 * packages/edge/src/proxy/README.md). Undefined without one, or when it is no JSON.
 * @example start({ site, endpoint, visitor: tag.dataset.visitor, decision: readHandoff(tag) }, api, loadExtra)
 */
export const readHandoff = (tag: HTMLElement): Decision | undefined => parse(tag.dataset.decision);

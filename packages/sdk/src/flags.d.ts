/**
 * Build-time flags: `build.mjs` defines each as a literal, so the minifier drops what a flag
 * switches off.
 */

/** Proxy mode's handoff (`handoff.ts`): apply the decision the worker wrote into the page. Off until its format is final. */
declare const PROXY_HANDOFF: boolean;

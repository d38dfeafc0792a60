/**
 * Build-time flags: `build.mjs` defines each as a literal, so the minifier drops what a flag
 * switches off.
 */

/**
 * Proxy mode's handoff (`handoff.ts`): use the visitor id and the decision the worker wrote on the
 * script tag it injected. On by default; `buildSnippet({ PROXY_HANDOFF: false })` measures its cost.
 */
declare const PROXY_HANDOFF: boolean;

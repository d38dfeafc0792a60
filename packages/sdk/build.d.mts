/** The minified snippet (what `dist/vitrine.min.js` holds); `flags` switch build-time features on or off (src/flags.d.ts; defaults: on). */
export declare function buildSnippet(flags?: { PROXY_HANDOFF?: boolean }): Promise<string>;
/** The snippet's lazy part, a minified ES module (what `dist/sdk-extra.js` holds). */
export declare function buildExtra(): Promise<string>;
/** Bytes minified, gzip -9 and brotli quality 11. */
export declare function sizes(code: string): { minified: number; gzip: number; brotli: number };

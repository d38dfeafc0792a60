/** The minified snippet (what `dist/vitrine.min.js` holds). */
export declare function buildSnippet(): Promise<string>;
/** Bytes minified, gzip -9 and brotli quality 11. */
export declare function sizes(code: string): { minified: number; gzip: number; brotli: number };

/**
 * The snippet's lazy part, served by the worker as `/v1/sdk-extra.js` (for bundlers, a chunk of
 * the ESM build): what few page views need, loaded by `import()` on first use so that not every
 * page view pays for it — delivery through collect with its retries (most events ride on
 * decide), identify's hash, and the consent withdrawal's retries. The snippet hands each what it
 * needs; the only state kept here is the page's one delivery. Size hack: the exports are one letter, as they are the
 * interface between two separately minified files (the minifier cannot shorten them); the
 * snippet's matching calls are in `queue.ts` and `vitrine.ts`. Change that interface only in
 * ways an older snippet still works with: a page may run a snippet and a lazy part a release
 * apart, as the worker lets browsers use either stale for up to a day while it revalidates.
 */
import { deliver } from "./deliver";

let delivery: ReturnType<typeof deliver> | undefined;
/** The page's delivery (`deliver.ts`), made on the first call: the snippet starts once per page. */
export const c = (...args: Parameters<typeof deliver>) => (delivery ||= deliver(...args));
export { hash as h } from "./hash";
export { withdraw as w } from "./withdraw";

/** Loads this module: from the worker for the script tag, as a chunk of the ESM build for bundlers. */
export type LoadExtra = () => Promise<typeof import("./extra")>;

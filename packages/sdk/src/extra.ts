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
import { all } from "./apply";
import type { Decision } from "./types";

let delivery: ReturnType<typeof deliver> | undefined;
/** The page's delivery (`deliver.ts`), made on the first call: the snippet starts once per page. */
export const c = (...args: Parameters<typeof deliver>) => (delivery ||= deliver(...args));
export { hash as h } from "./hash";
export { withdraw as w } from "./withdraw";

/**
 * What a decision shows beyond its slots' content. `[data-vt-explain]`: the decision's
 * `explain`, one line each, when it has one (a merchant's page or debugging: few page views).
 * Time-limited offers: in every slot whose content carries an `offer`, fills `[data-vt-code]`
 * with its coupon code and `[data-vt-countdown]` with the time left (`1d 02:03:04`, `02:03:04`),
 * ticking each second, and hides the slot when the offer ends (its `endsAt` is on this page's
 * clock: the worker corrected it). Each call first stops every countdown an earlier decision
 * started, so an old end never hides what a newer decision shows.
 * @example o(decision) // <b data-vt-countdown>00:41:07</b>
 */
export const o = (dec: Decision) => {
  // One line per reason, when the decision has them: style the element with `white-space: pre-line`.
  const explain = dec.explain?.join("\n");
  if (explain) all("[data-vt-explain]").forEach((el) => (el.textContent = explain));
  all("[data-vt-slot]").forEach((slot: HTMLElement & { vtT?: any }) => clearInterval(slot.vtT));
  for (const id in dec.slots) {
    const offer = dec.slots[id]?.offer,
      end = offer?.endsAt!;
    offer &&
      all(`[data-vt-slot="${id}"]`).forEach((slot: HTMLElement & { vtT?: any }) => {
        const tick = () => {
          const left = end - Date.now();
          if (left > 0) all("[data-vt-countdown]", slot).forEach((el) => (el.textContent = (left < 864e5 ? "" : ((left / 864e5) | 0) + "d ") + new Date(left).toISOString().slice(11, 19)));
          else (slot.hidden = true), clearInterval(slot.vtT);
        };
        all("[data-vt-code]", slot).forEach((el) => (el.textContent = offer.code!));
        end && (tick(), (slot.vtT = setInterval(tick, 1e3)));
      });
  }
};

/** Loads this module: from the worker for the script tag, as a chunk of the ESM build for bundlers. */
export type LoadExtra = () => Promise<typeof import("./extra")>;

import type { Post } from "./queue";
import type { LocalStore } from "./storage";
import { backoff } from "./backoff";
import { randomId } from "./id";

/**
 * A withdrawn consent, part of the lazy chunk: tells the worker to forget `visitor` (a `consent`
 * event with `granted: false` through collect), retried with backoff until it answers, then
 * clears `localStorage.vt_bye` if it still names that visitor. The snippet keeps the id there
 * meanwhile, so a page left before the worker answered leaves the withdrawal to the next page,
 * which calls this again. A refusal ends it too: 410 means the visitor is already erased; other
 * refusals, which no retry can fix, are reported by `post`.
 * @example withdraw(post, storage, "q8V0…")
 */
export const withdraw = async (post: Post, storage: LocalStore, visitor: string): Promise<void> => {
  const events = [{ id: randomId(), type: "consent", ts: Date.now(), granted: false }];
  for (let n = 0; ; ) {
    try {
      await post("collect", { visitor, events });
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, backoff(n++)));
    }
  }
  if (storage("vt_bye") == visitor) storage("vt_bye", null);
};

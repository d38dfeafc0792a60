import { HOLDOUT_ARM, SITE_HOLDOUT, type FullDecision } from "@vitrine/shared";
import { GridMarks } from "./grid";
import { snippetTag } from "./handoff";
import { forPage } from "../routes/for-page";
import { newNonce } from "./markers";
import { markSlot, PARTS, partSelector } from "./slots";
import { spliceGrids } from "./splice";

/** What a page turned out to carry, for exposures. */
export interface PageSeen {
  /** Slot ids on the page, plus "sort" when it had a grid (as the snippet sends `slots`). */
  slots: string[];
}

export interface RewriteInput {
  /** Slot ids the site's config declares (the hero and `slots`): their parts get handlers. */
  slotIds: readonly string[];
  /** The visitor's decision, still on its way; resolving to null leaves the slots as they are. */
  decision: Promise<FullDecision | null>;
  /** Which pages get the snippet: all HTML documents, only those with Vitrine markup, or none. */
  snippet: "all" | "marked" | "off";
  /** The snippet tag's handoff, without the decision (added here once applied). */
  tag: { site: string; origin: string; visitor?: string; consent?: boolean };
  /** Called once the whole page went through. */
  onDone?: (seen: PageSeen) => void;
}

/**
 * Personalizes an HTML page as it streams: fills every `[data-vt-slot]` with the decision's content
 * (as the snippet's `apply` would), reorders `[data-vt-sort]` grids (only the grid is held back:
 * see `spliceGrids`), fills `[data-vt-explain]`, and adds the snippet tag with the decision before
 * `</body>`. The page's own Vitrine script tag, if any, is replaced by that one. Everything else
 * passes through as it came. A handler that fails leaves its element as it was.
 * @example return rewritePage(originResponse, { slotIds: ["hero"], decision, snippet: "all", tag: { site, origin } });
 */
export function rewritePage(response: Response, input: RewriteInput): Response {
  let decision: FullDecision | null | undefined;
  const ready = input.decision.then(
    (d) => void (decision = d),
    () => void (decision = null),
  );
  /** Runs `fn` with the decision: at once when it is here, else once it arrives (the stream waits). */
  const withDecision = (fn: (d: FullDecision | null) => void): void | Promise<void> => {
    const run = () => {
      try {
        fn(decision ?? null);
      } catch (error) {
        console.error(JSON.stringify({ level: "error", msg: "proxy: a rewrite handler failed; the element is left as it was", error: String(error) }));
      }
    };
    return decision !== undefined ? run() : ready.then(run);
  };

  const nonce = newNonce();
  let marks: GridMarks | null = null;
  const gridsFor = (d: FullDecision) => {
    const heldOut = d.bot === true || d.experiments.some((e) => e.id === SITE_HOLDOUT && e.arm === HOLDOUT_ARM);
    return (marks ??= new GridMarks(nonce, { strategy: d.sort.strategy, traits: heldOut ? null : d.traits }));
  };
  const page = { slots: new Set<string>(), grid: false, explain: false, document: false, injected: false };
  const wantsSnippet = () => input.snippet === "all" ? page.document : input.snippet === "marked" ? page.slots.size > 0 || page.grid || page.explain : false;
  const tag = () => {
    const d = decision ?? null;
    const applied = d ? forPage(d, { explain: page.explain, skus: marks?.firstSkus() }) : undefined;
    return snippetTag({ ...input.tag, ...(applied && { decision: applied }) });
  };

  let rewriter = new HTMLRewriter()
    .on("html, head, body", { element: () => void (page.document = true) })
    .on('script[src*="/v1/sdk.js"][data-site]', { element: (el) => void el.remove() })
    .on("[data-vt-slot]", {
      element: (el) => {
        const id = el.getAttribute("data-vt-slot") ?? "";
        page.slots.add(id);
        return withDecision((d) => d && markSlot(el, d.slots, id));
      },
    })
    .on("[data-vt-sort]", {
      element: (el) => {
        page.grid = true;
        return withDecision((d) => d && gridsFor(d).grid(el));
      },
    })
    .on("[data-vt-sort] > *", { element: (el) => withDecision((d) => d && gridsFor(d).child(el)) })
    .on("[data-vt-explain]", {
      element: (el) => {
        page.explain = true;
        return withDecision((d) => d && el.setInnerContent(d.explain.join("\n")));
      },
    });
  for (const id of input.slotIds) {
    for (const { part, fill } of PARTS) {
      rewriter = rewriter.on(partSelector(id, part), {
        element: (el) =>
          withDecision((d) => {
            const content = d?.slots[id];
            if (content) fill(el, content);
          }),
      });
    }
  }
  rewriter = rewriter
    .on("body", {
      element: (el) =>
        el.onEndTag((end) =>
          withDecision(() => {
            if (!wantsSnippet()) return;
            end.before(tag(), { html: true });
            page.injected = true;
          }),
        ),
    })
    .onDocument({
      end: (end) =>
        withDecision(() => {
          // A document whose </body> never came still gets the snippet, at its very end.
          if (!page.injected && page.document && wantsSnippet()) end.append(tag(), { html: true });
          input.onDone?.({ slots: [...page.slots, ...(page.grid ? ["sort"] : [])] });
        }),
    });

  const rewritten = rewriter.transform(response);
  if (!rewritten.body) return rewritten;
  const body = rewritten.body.pipeThrough(spliceGrids(nonce, () => marks?.grids ?? []));
  return new Response(body, rewritten);
}

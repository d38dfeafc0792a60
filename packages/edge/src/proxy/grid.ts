import { sortProducts, type ProductCard, type SortStrategy, type Traits } from "@vitrine/shared";
import { marker } from "./markers";

/** One `[data-vt-sort]` grid as the rewriter saw it. */
export interface Grid {
  /** Nested inside another grid: left alone (it moves with its card). */
  ignored: boolean;
  /** Each child's sort data in page order; null for a child without `data-vt-sku`. */
  cards: (ProductCard | null)[];
  /** The child whose end tag is still to come. */
  open: number | null;
  /** The markup is not what the splicer can reorder safely: page order is kept. */
  broken: boolean;
  /** Display order as child indices, once the grid's end tag was seen and it is not broken. */
  order: number[] | null;
  /** The attribute text the rewriter added to the grid's start tag (taken out again if the grid turns out broken). */
  variantAttr: string;
}

/** What the grid handlers need from the page's decision. */
export interface GridSort {
  strategy: SortStrategy;
  /** Null where the decide route sorts without traits (site holdout, bots). */
  traits: Traits | null;
}

/** `a > b › c` → `["a", "b", "c"]`, as the snippet splits `data-vt-category`. */
const categories = (value: string | null) =>
  (value ?? "")
    .split(/[>›]/)
    .map((part) => part.trim().slice(0, 80))
    .filter(Boolean)
    .slice(0, 10);

/** A child's sort data, read from the same attributes the snippet reads (`readCards`). */
function card(el: Element): ProductCard | null {
  const sku = el.getAttribute("data-vt-sku");
  if (!sku) return null;
  const price = Number(el.getAttribute("data-vt-price") ?? "NaN");
  const added = Date.parse(el.getAttribute("data-vt-added") ?? "");
  return {
    sku: sku.slice(0, 64),
    ...(price >= 0 && { price }),
    categories: categories(el.getAttribute("data-vt-category")),
    inStock: el.getAttribute("data-vt-stock") !== "out",
    ...(added >= 0 && { addedAt: added }),
  };
}

/**
 * Display order of a grid's children: the cards with a sku as `sortProducts` orders them (the same
 * function the decide route orders `products` with), then the children without one, in page order.
 * @example displayOrder([{ sku: "a", price: 10 }, null, { sku: "b", price: 30 }], { strategy: "price_desc", traits: null }) // [2, 0, 1]
 */
export function displayOrder(cards: readonly (ProductCard | null)[], sort: GridSort): number[] {
  const keyed = cards.flatMap((c, i) => (c ? [{ ...c, sku: String(i) }] : []));
  const sorted = sortProducts(sort.strategy, keyed, sort.traits).map(Number);
  return [...sorted, ...cards.flatMap((c, i) => (c ? [] : [i]))];
}

/**
 * The grids of one response and the HTMLRewriter handlers that mark them for the splicer. The
 * grid's children are found with `[data-vt-sort] > *`; each is wrapped in start/end markers, and
 * the grid's order is computed at its end tag, from what the children's attributes said.
 * Markup the splicer cannot reorder safely — a child without its own end tag (`<li>` left open: the
 * parser here nests what a browser makes siblings), a void child, a grid closed by another
 * element's end tag — marks the grid broken: it keeps page order.
 * @example
 * const marks = new GridMarks(nonce, { strategy: "price_desc", traits: null });
 * rewriter.on("[data-vt-sort]", { element: (el) => marks.grid(el) }).on("[data-vt-sort] > *", { element: (el) => marks.child(el) });
 */
export class GridMarks {
  readonly grids: Grid[] = [];
  private readonly stack: Grid[] = [];

  constructor(
    private readonly nonce: string,
    private readonly sort: GridSort,
  ) {}

  /** The first grid's skus in display order (what the decision's `sort.skus` says), if it was reordered. */
  firstSkus(): string[] | undefined {
    const grid = this.grids.find((g) => !g.ignored && g.order);
    return grid?.order?.flatMap((i) => (grid.cards[i] ? [grid.cards[i]!.sku] : []));
  }

  /** Handler for `[data-vt-sort]`. */
  grid(el: Element): void {
    const variantAttr = ` data-vt-variant="${this.sort.strategy}"`;
    const grid: Grid = { ignored: this.stack.length > 0, cards: [], open: null, broken: false, order: null, variantAttr };
    const index = this.grids.push(grid) - 1;
    try {
      const tag = el.tagName.toLowerCase();
      el.onEndTag((end) => {
        this.stack.splice(this.stack.lastIndexOf(grid), 1);
        if (grid.ignored) return;
        // Closed by another element's end tag (\`</body>\`): the browser may see other children.
        if (grid.open !== null || end.name !== tag) grid.broken = true;
        if (!grid.broken) grid.order = displayOrder(grid.cards, this.sort);
        end.after(marker(this.nonce, "e", index), { html: true });
      });
    } catch {
      grid.ignored = true; // a void or self-closing element: no children to sort
      return;
    }
    this.stack.push(grid);
    if (grid.ignored) return;
    el.setAttribute("data-vt-variant", this.sort.strategy);
    el.before(marker(this.nonce, "s", index), { html: true });
  }

  /** Handler for `[data-vt-sort] > *`: the child belongs to the innermost open grid. */
  child(el: Element): void {
    const grid = this.stack.at(-1);
    if (!grid || grid.ignored || grid.broken) return;
    const g = this.grids.indexOf(grid);
    if (grid.open !== null) {
      grid.broken = true; // the previous child's end tag never came
      return;
    }
    const i = grid.cards.push(card(el)) - 1;
    const tag = el.tagName.toLowerCase();
    try {
      el.onEndTag((end) => {
        if (grid.open === i) grid.open = null;
        // \`<li>A<li>B\`: the rewriter sees B inside A where the browser sees siblings.
        if (end.name !== tag) grid.broken = true;
        end.after(marker(this.nonce, "b", g, i), { html: true });
      });
    } catch {
      grid.broken = true;
      return;
    }
    grid.open = i;
    el.before(marker(this.nonce, "a", g, i), { html: true });
  }
}

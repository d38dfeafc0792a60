import { html } from "../html.mjs";
import { layout } from "../layout.mjs";
import { breadcrumbLd, breadcrumbNav, crumbs, jsonScript, productGrid } from "../components.mjs";

/** Links to the parent's sub-categories, the current one marked. */
function chips(parent, current) {
  if (!parent.children.length) return "";
  return html`<nav class="chips" aria-label="${parent.name} categories">
  <a href="${parent.url}"${parent === current ? html` aria-current="page"` : ""}>All ${parent.name}</a>
  ${parent.children.map((child) => html`<a href="${child.url}"${child === current ? html` aria-current="page"` : ""}>${child.name}</a>`)}
</nav>`;
}

/**
 * `/c/<slug>/…/` — a category with every product filed under it or its sub-categories.
 * @example categoryPage(ctx, node, root).path // "/c/headphones/noise-canceling/"
 */
export function categoryPage(ctx, node, root) {
  const trail = crumbs(node.path);
  const count = node.products.length;
  const body = html`${breadcrumbNav(trail)}
<header class="page-head">
  <h1>${node.name}</h1>
  <p>${count} ${count === 1 ? "product" : "products"}</p>
</header>
${chips(root, node)}
${productGrid(node.products, ctx.newest, node.name)}`;
  return {
    path: node.url,
    html: layout({
      ...ctx,
      title: node.path.join(" › "),
      description: `${node.path.join(" › ")} at ${ctx.shop}: ${count} products.`,
      head: jsonScript(breadcrumbLd(trail)),
      body,
      current: root.url,
    }),
  };
}

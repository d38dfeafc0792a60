#!/usr/bin/env node
/**
 * Builds the demo shop into `public/` (or `--out <dir>`): pages from catalog.json and the
 * site config, assets copied as they are, a packshot SVG for every product without one.
 * Plain Node, no dependencies. Usage: `node build.mjs [--out dir]`.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { allCategories, categoryTree, checkCatalog } from "./lib/catalog.mjs";
import { productSvg } from "./lib/product-art.mjs";
import { checkLinks } from "./lib/links.mjs";
import { homePage } from "./lib/pages/home.mjs";
import { categoryPage } from "./lib/pages/category.mjs";
import { productPage } from "./lib/pages/product.mjs";
import { cartPage } from "./lib/pages/cart.mjs";
import { searchPage } from "./lib/pages/search.mjs";

const here = dirname(fileURLToPath(import.meta.url));

function readJson(file) {
  try {
    return JSON.parse(readFileSync(join(here, file), "utf8"));
  } catch (cause) {
    throw new Error(`demo-store: cannot read ${file}: ${cause.message}`, { cause });
  }
}

function outDir(argv) {
  const i = argv.indexOf("--out");
  if (i === -1) return join(here, "public");
  if (!argv[i + 1]) throw new Error("demo-store: --out needs a directory");
  return resolve(argv[i + 1]);
}

/** Every page of the shop as `{ path, html }`. */
function pages(catalog, config) {
  const products = catalog.products;
  const tree = categoryTree(products);
  const ctx = {
    shop: catalog.shop,
    config,
    products,
    nav: tree.map((node) => ({ name: node.name, url: node.url })),
    newest: products.map((p) => p.addedAt).sort().at(-1),
  };
  return {
    home: homePage(ctx),
    categories: tree.flatMap((root) => allCategories([root]).map((node) => categoryPage(ctx, node, root))),
    products: products.map((product, i) => productPage(ctx, product, i)),
    other: [cartPage(ctx), searchPage(ctx)],
  };
}

/** Writes the page at `path` as `<out><path>index.html`. */
function writePage(out, page) {
  const file = join(out, page.path, "index.html");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, String(page.html));
}

export function build(out) {
  const started = performance.now();
  const catalog = checkCatalog(readJson("catalog.json"));
  const config = readJson("vitrine.config.json");
  const site = pages(catalog, config);
  const all = [site.home, ...site.categories, ...site.products, ...site.other];

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(here, "assets"), out, { recursive: true });
  let generated = 0;
  for (const product of catalog.products) {
    const file = join(out, product.image);
    if (existsSync(file)) continue; // a hand-made image in assets/ wins
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, productSvg(product));
    generated++;
  }
  all.forEach((page) => writePage(out, page));

  const heroLinks = Object.values(config.heroes).flatMap((hero) => [hero.image, hero.cta?.href].filter(Boolean));
  const links = checkLinks(out, heroLinks);

  const ms = Math.round(performance.now() - started);
  const rel = relative(process.cwd(), out) || ".";
  console.log(`demo-store: built ${rel}/ in ${ms} ms`);
  console.log(`  ${site.home.path}  ${site.other.map((p) => p.path).join("  ")}`);
  console.log(`  ${site.categories.length} category pages: ${site.categories.map((p) => p.path).join("  ")}`);
  console.log(`  ${site.products.length} product pages: /p/${catalog.products[0].sku}/ … /p/${catalog.products.at(-1).sku}/`);
  console.log(`  assets/ copied; ${generated} product images generated under /img/p/`);
  console.log(`  ${links.checked} internal links checked (${links.unique} distinct targets), all resolve`);
  return { out, pages: all.map((p) => p.path), links };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    build(outDir(process.argv.slice(2)));
  } catch (error) {
    console.error(error.message);
    process.exitCode = 1;
  }
}

/**
 * The shop's catalog: checks `catalog.json` field by field and derives the category tree.
 */

const SKU = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Each field's check, and what to say when it fails. */
const FIELDS = {
  sku: [(v) => typeof v === "string" && SKU.test(v), "an uppercase code such as NC-100"],
  name: [(v) => typeof v === "string" && v.trim().length > 0 && v.length <= 80, "a name of 1-80 characters"],
  price: [(v) => typeof v === "number" && Number.isFinite(v) && v > 0 && Math.round(v * 100) === v * 100, "a positive amount with at most two decimals"],
  currency: [(v) => typeof v === "string" && /^[A-Z]{3}$/.test(v), "an ISO 4217 code such as USD"],
  category: [(v) => Array.isArray(v) && v.length >= 1 && v.length <= 3 && v.every((c) => typeof c === "string" && c.trim() && !c.includes(">")), 'a path of 1-3 names without ">", such as ["Headphones", "Noise-Canceling"]'],
  description: [(v) => typeof v === "string" && v.trim().length > 0 && v.length <= 300, "a description of 1-300 characters"],
  addedAt: [(v) => typeof v === "string" && DAY.test(v) && !Number.isNaN(Date.parse(v)), "a date such as 2026-09-12"],
  inStock: [(v) => typeof v === "boolean", "true or false"],
  image: [(v) => typeof v === "string" && /^\/[^\s"'<>]*\.svg$/.test(v), "a path on the shop such as /img/p/NC-100.svg"],
};

/**
 * Lists every problem in a parsed catalog, each naming the product and the field.
 * @example validateCatalog({ products: [{ sku: "NC-100", price: -1 }] })[0]
 * // 'products[0] (NC-100): "name" must be a name of 1-80 characters, got undefined'
 */
export function validateCatalog(catalog) {
  if (!catalog || !Array.isArray(catalog.products) || catalog.products.length === 0) {
    return ['"products" must be a non-empty array'];
  }
  const problems = [];
  const seen = new Map();
  catalog.products.forEach((product, i) => {
    const where = `products[${i}]${typeof product?.sku === "string" ? ` (${product.sku})` : ""}`;
    if (!product || typeof product !== "object") return problems.push(`${where} must be an object`);
    for (const [field, [ok, expected]] of Object.entries(FIELDS)) {
      if (!ok(product[field])) problems.push(`${where}: "${field}" must be ${expected}, got ${JSON.stringify(product[field])}`);
    }
    if (seen.has(product.sku)) problems.push(`${where}: "sku" ${product.sku} is also used by products[${seen.get(product.sku)}]`);
    seen.set(product.sku, i);
  });
  return problems;
}

/**
 * The catalog checked, or an Error listing every problem.
 * @example const { products } = checkCatalog(JSON.parse(text), "catalog.json")
 */
export function checkCatalog(catalog, file = "catalog.json") {
  const problems = validateCatalog(catalog);
  if (problems.length) {
    throw new Error(`demo-store: ${file} has ${problems.length} problem(s):\n  - ${problems.join("\n  - ")}`);
  }
  return catalog;
}

/**
 * URL-safe form of a category name.
 * @example slugify("Men's") // "mens"
 */
export function slugify(name) {
  return name
    .toLowerCase()
    .replace(/['\u2019]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The page of a category path. @example categoryUrl(["Headphones", "Bluetooth"]) // "/c/headphones/bluetooth/" */
export const categoryUrl = (path) => `/c/${path.map(slugify).join("/")}/`;

/** The page of a product. @example productUrl({ sku: "NC-100" }) // "/p/NC-100/" */
export const productUrl = (product) => `/p/${product.sku}/`;

/**
 * Every category and sub-category in catalog order, each with the products filed under it or
 * under any of its sub-categories.
 * @example categoryTree(products)[0] // { name: "Headphones", path: ["Headphones"], url: "/c/headphones/", children: [...], products: [...] }
 */
export function categoryTree(products) {
  const roots = [];
  const byKey = new Map();
  for (const product of products) {
    let siblings = roots;
    product.category.forEach((name, depth) => {
      const path = product.category.slice(0, depth + 1);
      const key = path.join("\u0000");
      let node = byKey.get(key);
      if (!node) {
        node = { name, path, url: categoryUrl(path), children: [], products: [] };
        byKey.set(key, node);
        siblings.push(node);
      }
      node.products.push(product);
      siblings = node.children;
    });
  }
  return roots;
}

/** Every node of the tree, parents before their children. */
export function allCategories(tree) {
  return tree.flatMap((node) => [node, ...allCategories(node.children)]);
}

/**
 * A price as shoppers read it: no cents when whole.
 * @example formatPrice(2999, "USD") // "$2,999"
 */
export function formatPrice(amount, currency) {
  const whole = Number.isInteger(amount);
  return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: whole ? 0 : 2 }).format(amount);
}

/**
 * Packshot-style SVGs for products without a hand-made image in `assets/img/p/`: a simple
 * drawing of the sub-category's kind of thing, colored per product, with the product's name.
 */
import { escape } from "./html.mjs";

/** Drawings on a 600×600 canvas; `d` is the dark tone, `a` the accent. */
const GLYPHS = {
  "Over-ear": (d, a) =>
    `<path d="M185 300v-40a115 115 0 0 1 230 0v40" fill="none" stroke="${d}" stroke-width="22" stroke-linecap="round"/>` +
    `<rect x="150" y="262" width="78" height="124" rx="34" fill="${d}"/><rect x="372" y="262" width="78" height="124" rx="34" fill="${d}"/>` +
    `<rect x="204" y="286" width="14" height="76" rx="7" fill="${a}"/><rect x="382" y="286" width="14" height="76" rx="7" fill="${a}"/>`,
  Earbuds: (d, a) =>
    `<g fill="${d}"><circle cx="235" cy="230" r="50"/><rect x="215" y="240" width="40" height="130" rx="20"/>` +
    `<circle cx="365" cy="230" r="50"/><rect x="345" y="240" width="40" height="130" rx="20"/></g>` +
    `<circle cx="235" cy="230" r="20" fill="${a}"/><circle cx="365" cy="230" r="20" fill="${a}"/>` +
    `<path d="M420 150a70 70 0 0 1 0 70M445 125a105 105 0 0 1 0 120" fill="none" stroke="${a}" stroke-width="10" stroke-linecap="round"/>`,
  Jackets: (d, a) =>
    `<path d="M250 110l50 40 50-40 90 45 30 180-50 10-12-110v155H192V235l-12 110-50-10 30-180z" fill="${d}"/>` +
    `<path d="M250 110l50 95 50-95" fill="none" stroke="${a}" stroke-width="10" stroke-linejoin="round"/>` +
    `<path d="M300 205v185" stroke="${a}" stroke-width="5"/><g fill="${a}"><circle cx="318" cy="250" r="7"/><circle cx="318" cy="300" r="7"/><circle cx="318" cy="350" r="7"/></g>`,
  "Men's › Shoes": (d, a) =>
    `<path d="M135 345c0-75 20-120 60-120h60c25 35 70 50 130 55 60 5 85 30 85 65z" fill="${d}"/>` +
    `<rect x="125" y="340" width="355" height="26" rx="13" fill="${a}"/>` +
    `<path d="M265 245l22 28M290 255l20 28M316 262l18 27" stroke="${a}" stroke-width="8" stroke-linecap="round"/>`,
  Boots: (d, a) =>
    `<path d="M215 120h115v150c0 22 16 34 48 42l62 16c28 8 40 24 40 46v16H215z" fill="${d}"/>` +
    `<rect x="205" y="384" width="290" height="24" rx="12" fill="${a}"/>` +
    `<path d="M215 160h115" stroke="${a}" stroke-width="10"/><path d="M300 205q22 45 0 90" fill="none" stroke="${a}" stroke-width="7" stroke-linecap="round"/>`,
  Dresses: (d, a) =>
    `<path d="M262 105l12 70-38 55-76 165h280l-76-165-38-55 12-70-38 30z" fill="${d}"/>` +
    `<path d="M236 230h128" stroke="${a}" stroke-width="12" stroke-linecap="round"/>` +
    `<path d="M200 350q50-25 100 0t100 0" fill="none" stroke="${a}" stroke-width="6" opacity=".7"/>`,
  "Women's › Shoes": (d, a) =>
    `<path d="M150 215c35 0 55 55 110 85 65 35 140 30 195 40 30 5 30 30 0 30H235c-30 0-45-20-52-45l-8 65h-22l-10-150c0-15 0-25 7-25z" fill="${d}"/>` +
    `<path d="M185 300c30 25 60 35 100 40" fill="none" stroke="${a}" stroke-width="8" stroke-linecap="round"/>`,
  Toys: (d, a) =>
    `<g fill="none" stroke-width="34"><path d="M150 380a150 150 0 0 1 300 0" stroke="${d}"/>` +
    `<path d="M190 380a110 110 0 0 1 220 0" stroke="${a}"/><path d="M230 380a70 70 0 0 1 140 0" stroke="${d}" opacity=".55"/></g>` +
    `<circle cx="300" cy="365" r="18" fill="${a}"/>`,
  Clothing: (d, a) =>
    `<path d="M245 120c20 22 90 22 110 0l95 45-30 68-35-15v165H215V218l-35 15-30-68z" fill="${d}"/>` +
    `<path d="M215 270h170M215 315h170M215 360h170" stroke="${a}" stroke-width="14"/>`,
};

/** From this price on, a product is drawn in the black-and-gold palette of the Reserve line. */
const RESERVE_PRICE = 800;

/** Base hue per sub-category, so a category reads as a family. */
const HUES = { "Noise-Canceling": 230, Bluetooth: 185, Jackets: 32, "Men's › Shoes": 12, Dresses: 335, "Women's › Shoes": 285, Toys: 45, Clothing: 140 };

function hash(text) {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** The category's own key in a table keyed by leaf name, or by "Parent › Leaf" where leaves repeat. */
function categoryKey(product, table) {
  const qualified = product.category.slice(-2).join(" › ");
  return qualified in table ? qualified : product.category.at(-1);
}

/** What to draw: the name wins where the category is too broad (buds vs. over-ears, boots). */
function kindOf(product) {
  if (product.category[0] === "Headphones") return /buds|open-ear/i.test(product.name) ? "Earbuds" : "Over-ear";
  if (/\bboots?\b/i.test(product.name)) return "Boots";
  return categoryKey(product, GLYPHS);
}

/** Splits a name into at most two lines of about `width` characters. */
function lines(name, width = 16) {
  const words = name.split(" ");
  const first = [];
  while (words.length && (first.join(" ") + " " + words[0]).trim().length <= width) first.push(words.shift());
  if (!first.length) first.push(words.shift());
  return words.length ? [first.join(" "), words.join(" ")] : [first.join(" ")];
}

/**
 * The product's SVG, about 1.5 KB.
 * @example productSvg({ sku: "NC-100", name: "Hush 100 Wireless", category: ["Headphones", "Noise-Canceling"] })
 */
export function productSvg(product) {
  const kind = kindOf(product);
  const glyph = GLYPHS[kind] ?? GLYPHS.Clothing;
  const hue = ((HUES[categoryKey(product, HUES)] ?? 210) + (hash(product.sku) % 70) - 35 + 360) % 360;
  const reserve = product.price >= RESERVE_PRICE;
  const dark = reserve ? "#d9b95b" : `hsl(${hue} 38% 22%)`;
  const accent = reserve ? "#f5e3a3" : `hsl(${(hue + 28) % 360} 72% 58%)`;
  const [from, to] = reserve ? ["#0c0c0c", "#2e2619"] : [`hsl(${hue} 60% 94%)`, `hsl(${(hue + 24) % 360} 48% 80%)`];
  const title = lines(product.name)
    .map((line, i, all) => `<text x="48" y="${548 - (all.length - 1 - i) * 50}">${escape(line)}</text>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600" role="img" aria-label="${escape(product.name)}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
<rect width="600" height="600" fill="url(#g)"/>
<circle cx="300" cy="260" r="175" fill="#fff" opacity="${reserve ? 0.06 : 0.4}"/>
${glyph(dark, accent)}
<text x="552" y="70" text-anchor="end" font-family="ui-monospace,Menlo,monospace" font-size="20" letter-spacing="3" fill="${dark}" opacity=".6">${escape(product.sku)}</text>
<g font-family="system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif" font-size="44" font-weight="800" letter-spacing="-1" fill="${dark}">${title}</g>
</svg>
`;
}

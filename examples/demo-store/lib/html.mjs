/** Markup that is already safe; `html` inserts it as is. */
class Safe {
  /** @param {string} value */
  constructor(value) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

const ENTITIES = { "&": "&amp;", "<": "&lt;", '"': "&quot;" };

/**
 * Escapes text for HTML content and double-quoted attribute values. `>` and `'` stay as they
 * are (both are safe there), so attributes such as `data-vt-category="Headphones > Bluetooth"`
 * read the same to tools that do not decode entities, like HTMLRewriter.
 * @example escape(`Men's "best" <b>`) // "Men's &quot;best&quot; &lt;b>"
 */
export function escape(text) {
  return String(text).replace(/[&<"]/g, (c) => ENTITIES[c]);
}

/** Marks a string as trusted markup. Only for strings this build made itself. */
export function raw(markup) {
  return new Safe(markup);
}

function render(value) {
  if (value instanceof Safe) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === undefined || value === null || value === false) return "";
  return escape(value);
}

/**
 * Tagged template that escapes every interpolation unless it came from `html` or `raw`;
 * arrays are joined, and `false`/`null`/`undefined` print nothing (for conditionals).
 * @example html`<h1>${product.name}</h1>${inStock && html`<p>In stock</p>`}`
 */
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Safe(out);
}

/**
 * A JSON-LD (or any JSON) script element; `<` is escaped so no value can close the script.
 * @example jsonScript({ "@context": "https://schema.org", "@type": "Product", name })
 */
export function jsonScript(data, type = "application/ld+json") {
  const json = JSON.stringify(data, null, 2).replace(/</g, "\\u003c");
  return raw(`<script type="${type}">\n${json}\n</script>`);
}

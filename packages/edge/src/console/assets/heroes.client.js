// Hero variants: image (typed in or uploaded), alt text, headline, subhead and call to action.
import { announce, button, field, h } from "./dom.client.js";
import { choice, text } from "./bind.client.js";
import { api, can } from "./api.client.js";

const ACCEPT = "image/png,image/jpeg,image/webp,image/avif";
const SLUG = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** The CTA's two fields: both empty removes the button; one without the other is the schema's to flag. */
function ctaField(ctx, hero, base, key, label) {
  const holder = { value: hero.cta?.[key] ?? "" };
  const input = h("input", { type: "text", value: holder.value, autocomplete: "off" });
  input.addEventListener("input", () => {
    const cta = { label: hero.cta?.label ?? "", href: hero.cta?.href ?? "", [key]: input.value };
    if (cta.label === "" && cta.href === "") delete hero.cta;
    else hero.cta = cta;
    ctx.changed();
  });
  return field(label, input, { path: `${base}.cta.${key}` });
}

/** Uploads the chosen file to the site's image store and puts its address into the hero. */
function uploader(ctx, hero, base, id, imageInput, altInput, preview) {
  const file = h("input", { type: "file", accept: ACCEPT });
  const status = h("p", { class: "hint", "aria-live": "polite" });
  const go = button(`Upload image for “${id}”`, async () => {
    status.textContent = "";
    const chosen = file.files?.[0];
    if (!chosen) {
      status.textContent = "Choose an image file first (PNG, JPEG, WebP or AVIF).";
      file.focus();
      return;
    }
    if (!altInput.value.trim()) {
      status.textContent = "Write the alt text first: it tells people who cannot see the image what it shows.";
      altInput.setAttribute("aria-invalid", "true");
      altInput.focus();
      return;
    }
    go.disabled = true;
    status.textContent = `Uploading ${chosen.name}…`;
    try {
      const query = new URLSearchParams({ alt: altInput.value.trim(), name: chosen.name });
      const { body } = await api("POST", `/images?${query}`, chosen, { headers: { "content-type": chosen.type || "application/octet-stream" } });
      hero.image = location.protocol === "https:" ? body.url : body.path;
      imageInput.value = hero.image;
      preview.src = hero.image;
      preview.hidden = false;
      altInput.removeAttribute("aria-invalid");
      ctx.changed();
      status.textContent = `Uploaded (${Math.round(body.size / 1024)} KB). Save to use it.`;
      announce(`Image uploaded for hero ${id}. Save to use it.`);
    } catch (error) {
      status.textContent = `Not uploaded: ${error.message}`;
      announce(`Not uploaded: ${error.message}`);
    } finally {
      go.disabled = false;
    }
  });
  return h("div", { class: "upload" }, field(`Image file for “${id}”`, file, { hint: "PNG, JPEG, WebP or AVIF, at most 2 MB. SVG is refused." }), go, status);
}

function heroCard(ctx, id, hero) {
  const base = `heroes.${id}`;
  const image = text(ctx, hero, "image");
  const alt = text(ctx, hero, "alt");
  const preview = h("img", { class: "thumb", src: hero.image || false, alt: "", hidden: !hero.image });
  image.addEventListener("change", () => {
    preview.src = image.value;
    preview.hidden = !image.value;
  });
  const isDefault = ctx.config.defaultHero === id;
  return h(
    "fieldset",
    { class: "card hero" },
    h("legend", {}, `Hero “${id}”${isDefault ? " (default)" : ""}`),
    h("div", { class: "hero-top" }, preview, h("div", {}, field("Image address", image, { path: `${base}.image`, hint: "A path on the shop (/img/…) or an https address." }), can("config:write") ? uploader(ctx, hero, base, id, image, alt, preview) : null)),
    field("Alt text", alt, { path: `${base}.alt`, hint: "What the image shows, for people who cannot see it. Required." }),
    field("Headline", text(ctx, hero, "headline"), { path: `${base}.headline` }),
    field("Subhead", text(ctx, hero, "subhead", { optional: true }), { path: `${base}.subhead` }),
    h("div", { class: "row" }, ctaField(ctx, hero, base, "label", "Button label"), ctaField(ctx, hero, base, "href", "Button link")),
    button(`Remove hero “${id}”`, () => {
      delete ctx.config.heroes[id];
      ctx.changed();
      ctx.redraw("heroes", "#new-hero-id");
    }, { class: "danger", disabled: isDefault, title: isDefault ? "The default hero cannot be removed; choose another default first." : false }),
  );
}

/** The hero variants section of the editor. */
export function heroesSection(ctx) {
  const heroes = ctx.config.heroes;
  const ids = Object.keys(heroes);
  const newId = h("input", { type: "text", id: "new-hero-id", autocomplete: "off", spellcheck: "false" });
  const problem = h("p", { class: "error", id: "new-hero-id-error", hidden: true });
  newId.setAttribute("aria-describedby", "new-hero-id-hint new-hero-id-error");
  const add = () => {
    const id = newId.value.trim();
    const reason = !SLUG.test(id) ? "Ids are lowercase slugs: a-z, 0-9, - and _." : Object.hasOwn(heroes, id) ? `There is already a hero “${id}”.` : "";
    if (reason) {
      problem.textContent = reason;
      problem.hidden = false;
      newId.setAttribute("aria-invalid", "true");
      newId.focus();
      return;
    }
    heroes[id] = { image: "", alt: "", headline: "" };
    ctx.changed();
    ctx.redraw("heroes", `[data-path="heroes.${CSS.escape(id)}.image"]`);
    announce(`Hero ${id} added. Fill in its image, alt text and headline.`);
  };
  newId.addEventListener("keydown", (event) => {
    if (event.key === "Enter") add();
  });
  return h(
    "div",
    {},
    field("Default hero", choice(ctx, ctx.config, "defaultHero", ids, { onchange: () => ctx.redraw("heroes", '[data-path="defaultHero"]') }), { path: "defaultHero", hint: "What visitors see when no rule matches." }),
    ids.map((id) => heroCard(ctx, id, heroes[id])),
    h(
      "div",
      { class: "card add" },
      h("label", { for: "new-hero-id" }, "New hero id"),
      newId,
      h("p", { class: "hint", id: "new-hero-id-hint" }, "For example kids-spring. Then fill in its fields and point a hero rule at it."),
      problem,
      button("Add hero variant", add),
    ),
  );
}

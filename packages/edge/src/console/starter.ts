import type { SiteConfigInput } from "@vitrine/shared/schema";

/**
 * The config a new site starts with: a default hero to replace, two segments most shops want,
 * and no rules yet — valid as it stands, so the site is live at once and serves its default.
 * @example starterConfig("acme", "Acme", ["https://acme.example"]).defaultHero // "default"
 */
export function starterConfig(site: string, name: string | undefined, origins: readonly string[]): SiteConfigInput {
  return {
    site,
    ...(name && { name }),
    origins: [...origins],
    segments: [
      { id: "returning", name: "Returning visitors", description: "Back for a second session or more.", when: { trait: "lifecycle.visit", op: "eq", value: "returning" } },
      { id: "big-spenders", name: "Big spenders", description: "Average order value at or above the site's 90th percentile.", when: { trait: "value.bigSpender", op: "eq", value: true } },
    ],
    heroes: {
      default: {
        image: "/images/hero.jpg",
        alt: "Describe your hero image here",
        headline: "Welcome to the shop",
        subhead: "Replace this with your own words in the console.",
        cta: { label: "Shop now", href: "/" },
      },
    },
    heroRules: [],
    defaultHero: "default",
    sortRules: [],
  };
}

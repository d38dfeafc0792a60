import { compileConfig } from "./compile";
import type { Condition, SiteConfig, Settings } from "../schema/config";
import type { Traits } from "../schema/traits";
import { withDefaults } from "./settings";
import { normalizeCategory } from "./category";
import { MAX_CONDITION_DEPTH } from "./condition-depth";

type Scalar = string | number | boolean;

/**
 * The value at a dotted trait path (`value.aov`), or undefined.
 * @example traitValue(traits, "source.channel") // "email"
 */
export function traitValue(traits: Traits, path: string): unknown {
  let value: unknown = traits;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function compare(op: string, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case "eq":
      return actual === expected;
    case "neq":
      return actual !== expected;
    case "gt":
      return typeof actual === "number" && typeof expected === "number" && actual > expected;
    case "gte":
      return typeof actual === "number" && typeof expected === "number" && actual >= expected;
    case "lt":
      return typeof actual === "number" && typeof expected === "number" && actual < expected;
    case "lte":
      return typeof actual === "number" && typeof expected === "number" && actual <= expected;
    case "in":
      return Array.isArray(expected) && (expected as Scalar[]).includes(actual as Scalar);
    case "exists": {
      const present = actual !== undefined && actual !== null && actual !== "";
      return expected === false ? !present : present;
    }
    default:
      return false;
  }
}

/**
 * True when `category` is among the visitor's top `top` interests with at least `minScore`. The
 * traits carry the top TRAIT_INTERESTS, which is why the config schema caps `top` there.
 * @example interestHolds(traits, "noise-canceling", 3, 1) // true
 */
export function interestHolds(traits: Traits, category: string, top: number, minScore: number): boolean {
  const name = normalizeCategory(category);
  return traits.interests.slice(0, top).some((interest) => interest.category === name && interest.score >= minScore);
}

function holds(cond: Condition, traits: Traits, settings: Settings, depth: number): boolean {
  if (depth > MAX_CONDITION_DEPTH || cond === null || typeof cond !== "object") return false;
  if ("all" in cond) return Array.isArray(cond.all) && cond.all.length > 0 && cond.all.every((c) => holds(c, traits, settings, depth + 1));
  if ("any" in cond) return Array.isArray(cond.any) && cond.any.some((c) => holds(c, traits, settings, depth + 1));
  if ("not" in cond) return !holds(cond.not, traits, settings, depth + 1);
  if ("trait" in cond) return compare(cond.op, traitValue(traits, cond.trait), cond.value);
  if ("interest" in cond && typeof cond.interest === "string") {
    return interestHolds(traits, cond.interest, cond.top ?? settings.topInterests, cond.minScore ?? settings.minInterestScore);
  }
  return false;
}

/**
 * Evaluates a segment condition against traits. Never throws: an unknown operator or shape
 * is simply false.
 * @example matchesCondition({ trait: "source.channel", op: "eq", value: "email" }, traits, settings) // true
 * @example matchesCondition({ interest: "men's", top: 1 }, traits, settings) // men's is the strongest interest
 */
export function matchesCondition(cond: Condition, traits: Traits, settings: Settings): boolean {
  return holdsSafely(cond, traits, withDefaults(settings));
}

function holdsSafely(cond: Condition, traits: Traits, settings: Settings): boolean {
  try {
    return holds(cond, traits, settings, 0);
  } catch {
    return false;
  }
}

/**
 * Ids of the segments whose `when` holds, in config order.
 * @example segmentsFor(traits, config) // ["returning-researchers"]
 */
export function segmentsFor(traits: Traits, config: SiteConfig): string[] {
  const settings = withDefaults(config.settings);
  // Tiers and triggers are segments too, once compiled.
  return compileConfig(config).segments.filter((segment) => holdsSafely(segment.when, traits, settings)).map((segment) => segment.id);
}

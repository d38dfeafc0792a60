import { Profile } from "./profile";
import { formatIssues } from "./issues";

/** The profile shape this code writes. */
export const PROFILE_VERSION = 1;

/**
 * Older stored shapes, upgraded one version at a time before validation. Version 1 profiles
 * written before interests carried a `depth` load with depth 0 (the schema's default).
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * A stored profile, checked: parsed, upgraded from older versions, validated. Throws an Error
 * naming what is wrong (never returns a half-read profile), so a damaged record is never folded
 * into and written back over.
 * @example const profile = readProfile(row.body); // profile.v === PROFILE_VERSION
 */
export function readProfile(json: string): Profile {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new Error(`vitrine: stored profile is not JSON (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  if (value === null || typeof value !== "object") throw new Error("vitrine: stored profile is not an object");
  let record = value as Record<string, unknown>;
  let version = typeof record.v === "number" ? record.v : 0;
  if (version > PROFILE_VERSION) throw new Error(`vitrine: stored profile has version ${version}, newer than this worker's ${PROFILE_VERSION}; deploy the newer worker`);
  while (version < PROFILE_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate) throw new Error(`vitrine: stored profile has version ${version}, which no migration upgrades`);
    record = migrate(record);
    version += 1;
  }
  const parsed = Profile.safeParse(record);
  if (!parsed.success) {
    const first = formatIssues(parsed.error)[0];
    throw new Error(`vitrine: stored profile is invalid at ${first?.path}: ${first?.message}`);
  }
  return parsed.data;
}

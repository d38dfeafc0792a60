// Why zod/mini straight from the package: @vitrine/shared/schema does not export its zod, so
// this resolves to the workspace root's copy and the worker bundle carries a second zod core
// (about 6 KB gzip) until shared exports its `z` or hosts this schema.
import * as z from "zod/mini";
import { VISITOR_ID } from "@vitrine/shared/limits";
import type { ExperimentMessage as Contract } from "./messages";

/** Same shapes as the config's ids and the events' visitor ids: what the producer copies from them. */
const site = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/));
const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,62}$/));
const visitor = z.string().check(z.regex(VISITOR_ID));
/** ms since the epoch, between 2000 and 2200: anything else is a broken clock or a broken message. */
const ts = z.number().check(z.int(), z.gte(946_684_800_000), z.lte(7_258_118_400_000));
const money = z.number().check(z.gte(0), z.lte(10_000_000));

const base = { site, experiment: id, arm: id, visitor, ts };

/**
 * One message on the `EXPERIMENT_EVENTS` queue, validated where it leaves the queue: the
 * consumer stores nothing it cannot parse. Keys beyond the contract are dropped, so a newer
 * producer's additions never block an older consumer.
 * @example ExperimentMessage.safeParse(message.body).success // false for { kind: "view" }
 */
export const ExperimentMessage = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("exposure"), ...base, preSpend: money }),
  z.object({ kind: z.literal("conversion"), ...base, order: z.string().check(z.minLength(1), z.maxLength(64)), revenue: money, source: z.enum(["trusted", "browser"]) }),
  z.object({ kind: z.literal("action"), ...base, action: z.literal("add_to_cart") }),
]);

/** A message as the consumer stores it, once validated. */
export type ParsedExperimentMessage = z.output<typeof ExperimentMessage>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** The schema and the contract type describe the same messages (a compile error otherwise). */
export type SchemaMatchesContract = Assert<Same<ParsedExperimentMessage, Contract>>;

/**
 * Short, path-named reasons a message was refused, for the log.
 * @example describeIssues(ExperimentMessage.safeParse({}).error!) // ["kind: Invalid input"]
 */
export function describeIssues(error: z.core.$ZodError, limit = 5): string[] {
  return error.issues.slice(0, limit).map((issue) => `${issue.path.length ? issue.path.map(String).join(".") : "(root)"}: ${issue.message}`);
}

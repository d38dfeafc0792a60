import { exports, env } from "cloudflare:workers";
import type { Event, Profile } from "@vitrine/shared/schema";
import type { FullDecision } from "@vitrine/shared";
import type { Env } from "../src/env";

export const workerEnv = env as unknown as Env;

let counter = 0;
/** A fresh visitor id per call, so tests never share a profile. */
export function newVisitor(prefix = "t"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}${"x".repeat(8)}`.slice(0, 40);
}

let eventCounter = 0;
/** An event of `type` at `minutesAgo` before now with a unique id. */
export function ev(type: Event["type"], props: Partial<Event> = {}, minutesAgo = 0): Event {
  eventCounter += 1;
  return { id: `ev-${Date.now().toString(36)}-${eventCounter}`, type, ts: Date.now() - Math.round(minutesAgo * 60_000), ...props } as Event;
}

export interface CallOptions {
  headers?: Record<string, string>;
  country?: string;
  timezone?: string;
}

/** Sends a request through the worker's real fetch handler (workerd), with `request.cf` set. */
export async function call(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Response> {
  const init: RequestInit & { cf?: Record<string, unknown> } = {
    method,
    headers: { "content-type": "application/json", ...options.headers },
    cf: { country: options.country ?? "DE", timezone: options.timezone ?? "Europe/Berlin" },
  };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  return (exports as unknown as { default: Fetcher }).default.fetch(new Request(`http://vitrine.test${path}`, init));
}

/**
 * A public decide (which records the events and answers the page), completed with what only an
 * admin may read: the full traits and the merchant's explanation, from the visitor export. Tests
 * of what the page itself gets call the endpoint directly.
 */
export async function decide(body: Record<string, unknown>, options?: CallOptions): Promise<FullDecision> {
  const request = { site: "demo", explain: true, ...body } as unknown as { site: string; visitor: string };
  const res = await call("POST", "/v1/decide", request, options);
  if (res.status !== 200) throw new Error(`decide answered ${res.status}: ${await res.text()}`);
  const decision = (await res.json()) as FullDecision;
  const exported = await call("GET", `/v1/sites/${request.site}/visitors/${request.visitor}`, undefined, { headers: ADMIN });
  if (exported.status !== 200) return decision;
  const full = (await exported.json()) as { traits: FullDecision["traits"]; decision: FullDecision };
  return { ...decision, traits: full.traits, explain: full.decision.explain, segments: full.decision.segments };
}

export async function collect(body: Record<string, unknown>, options?: CallOptions): Promise<{ accepted: number; duplicates: number }> {
  const res = await call("POST", "/v1/collect", { site: "demo", ...body }, options);
  if (res.status !== 202) throw new Error(`collect answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { accepted: number; duplicates: number };
}

/** The stored profile, read straight from the visitor's Durable Object. */
export async function storedProfile(site: string, visitor: string): Promise<Profile | null> {
  const stub = workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`${site}:${visitor}`));
  return stub.read();
}

export const ADMIN = { authorization: "Bearer test-admin-token" };

/** Orders as the shop's backend reports them (the only source of the site's statistics). */
export async function trustedOrders(site: string, orders: { visitor: string; id: string; total: number; ts?: number; skus?: string[] }[]) {
  const res = await call("POST", `/v1/sites/${site}/orders`, { orders }, { headers: ADMIN });
  if (res.status !== 200) throw new Error(`orders answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { accepted: number; duplicates: number; stats: { orders: number; customers: number; aovP90: number | null; spendP90: number | null } };
}

let siteCounter = 0;
/** A fresh site with `config` (the demo's by default) stored in KV, so tests never share site figures. */
export async function newSite(prefix: string, config: Record<string, unknown>): Promise<string> {
  siteCounter += 1;
  const site = `${prefix}-${Date.now().toString(36)}-${siteCounter}`;
  await workerEnv.CONFIG.put(`config:${site}`, JSON.stringify({ version: 1, updatedAt: Date.now(), config: { ...config, site } }));
  return site;
}

import { exports, env } from "cloudflare:workers";
import type { Event, Decision, Profile } from "@vitrine/shared/schema";
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

export async function decide(body: Record<string, unknown>, options?: CallOptions): Promise<Decision> {
  const res = await call("POST", "/v1/decide", { site: "demo", ...body }, options);
  if (res.status !== 200) throw new Error(`decide answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Decision;
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

import { inject } from "vitest";

export const workerUrl = () => inject("workerUrl");

/** What the worker stores for a visitor, through the admin export endpoint. */
export async function exportVisitor(visitor: string, site = "demo"): Promise<{ profile: any; traits: any } | null> {
  const res = await fetch(`${workerUrl()}/v1/sites/${site}/visitors/${visitor}`, { headers: { authorization: `Bearer ${inject("adminToken")}` } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`export of ${visitor} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { profile: any; traits: any };
}

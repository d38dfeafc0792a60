import { inject } from "vitest";

export const workerUrl = () => inject("workerUrl");

const admin = () => ({ authorization: `Bearer ${inject("adminToken")}` });

/** What the worker stores for a visitor of `site`, through the admin export endpoint; null when nothing is. */
export async function exportVisitor(visitor: string, site = "demo"): Promise<{ profile: any; traits: any } | null> {
  const res = await fetch(`${workerUrl()}/v1/sites/${site}/visitors/${visitor}`, { headers: admin() });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`export of ${visitor} on site ${site} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { profile: any; traits: any };
}

/** Stores `config` as its site's current configuration through the admin API. */
export async function putSiteConfig(config: { site: string; [key: string]: unknown }): Promise<void> {
  const res = await fetch(`${workerUrl()}/v1/sites/${config.site}/config`, {
    method: "PUT",
    headers: { ...admin(), "content-type": "application/json" },
    body: JSON.stringify(config),
  });
  if (!res.ok) throw new Error(`PUT of site ${config.site}'s config answered ${res.status}: ${await res.text()}`);
}

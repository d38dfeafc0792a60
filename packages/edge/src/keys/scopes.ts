/**
 * What a site key may do. A key belongs to one site and carries some of these; the operator
 * token (`ADMIN_TOKEN`) carries all of them on every site.
 */
export const SCOPES = ["config:read", "config:write", "orders:write", "visitors:read", "visitors:delete", "experiments:read", "keys:manage"] as const;
export type Scope = (typeof SCOPES)[number];

/** What each scope allows, in the words the console and the CLI show. */
export const SCOPE_WORDS: Record<Scope, string> = {
  "config:read": "read the config, its history, images, live numbers; open previews",
  "config:write": "save the config, roll back, upload images and offer codes",
  "orders:write": "report trusted orders from the shop's backend",
  "visitors:read": "export a visitor's data and see why they got their hero",
  "visitors:delete": "delete a visitor's data",
  "experiments:read": "read experiment results",
  "keys:manage": "create and revoke this site's keys (never with scopes it lacks itself)",
};

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The scope each admin resource needs, by method: `resource` is the first path segment after
 * `/v1/sites/:site/`. `"any"` means any valid key of the site (a key may always ask who it is).
 * A resource missing here is for the operator only: new routes stay closed until they are listed.
 */
const TABLE: Record<string, Partial<Record<Method, Scope | "any">>> = {
  config: { GET: "config:read", HEAD: "config:read", PUT: "config:write", POST: "config:write" },
  history: { GET: "config:read" },
  validate: { POST: "config:read" },
  vocabulary: { GET: "config:read" },
  images: { GET: "config:read", POST: "config:write" },
  preview: { POST: "config:read" },
  live: { GET: "config:read" },
  offers: { GET: "config:read", PUT: "config:write" },
  orders: { POST: "orders:write" },
  visitors: { GET: "visitors:read", HEAD: "visitors:read", DELETE: "visitors:delete" },
  experiments: { GET: "experiments:read", HEAD: "experiments:read" },
  keys: { GET: "keys:manage", POST: "keys:manage", DELETE: "keys:manage" },
  whoami: { GET: "any" },
};

/**
 * The scope a request on `/v1/sites/:site/<resource>/…` needs; null when only the operator may.
 * @example scopeFor("PUT", "config") // "config:write"
 * @example scopeFor("GET", "whoami") // "any"
 */
export function scopeFor(method: string, resource: string): Scope | "any" | null {
  const row = Object.hasOwn(TABLE, resource) ? TABLE[resource] : undefined;
  return row?.[method.toUpperCase() as Method] ?? null;
}

/**
 * True when `scope` is a known scope name.
 * @example isScope("config:read") // true
 */
export function isScope(scope: string): scope is Scope {
  return (SCOPES as readonly string[]).includes(scope);
}

// The console's session (a site key in this tab's session storage only) and its calls to the
// worker's admin API.

const STORE = "vitrine.console";
/** Where the experiment results pages look for the key: signing in here signs in there too. */
const RESULTS_KEY = "vitrine.adminKey";

/** `{ key, site, name, scopes, operator }` while signed in, else null. */
export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) ?? "null");
  } catch {
    return null;
  }
}

export function saveSession(value) {
  sessionStorage.setItem(STORE, JSON.stringify(value));
  sessionStorage.setItem(RESULTS_KEY, value.key);
}

export function endSession() {
  sessionStorage.removeItem(STORE);
  sessionStorage.removeItem(RESULTS_KEY);
}

/** True when the signed-in key carries `scope` (the operator carries all). */
export function can(scope) {
  const current = session();
  return Boolean(current && (current.operator || current.scopes.includes(scope)));
}

/** A failed call: the worker's status, message and field issues (`[{path, message}]`). */
export class ApiError extends Error {
  constructor(status, message, issues = []) {
    super(message);
    this.status = status;
    this.issues = issues;
  }
}

/**
 * Calls the admin API as the signed-in key: `api("GET", "/config")` goes to
 * `/v1/sites/<site>/config`; a path starting with `/v1/` is used as is. Resolves to
 * `{ body, headers, status }`; throws ApiError for any 4xx/5xx. A 401 ends the session.
 */
export async function api(method, path, body, options = {}) {
  const current = options.session ?? session();
  if (!current) throw new ApiError(401, "Not signed in.");
  const url = path.startsWith("/v1/") ? path : `/v1/sites/${encodeURIComponent(current.site)}${path}`;
  const headers = { authorization: `Bearer ${current.key}`, ...options.headers };
  let payload = body;
  if (body !== undefined && !(body instanceof Blob) && !(body instanceof ArrayBuffer)) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, { method, headers, body: payload, cache: "no-store" });
  } catch (cause) {
    throw new ApiError(0, `The worker did not answer (${cause?.message ?? cause}). Check your connection and try again.`);
  }
  const type = res.headers.get("content-type") ?? "";
  const data = type.includes("json") ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) {
    const error = data?.error;
    const message = (error?.message ?? `${method} ${url} answered ${res.status}`).replace(/^vitrine: /, "");
    if (res.status === 401 && !options.session) {
      endSession();
      window.dispatchEvent(new CustomEvent("vitrine:signed-out", { detail: message }));
    }
    throw new ApiError(res.status, message, error?.issues ?? []);
  }
  return { body: data, headers: res.headers, status: res.status };
}

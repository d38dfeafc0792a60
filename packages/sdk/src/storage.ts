/** {@link storage}'s type: get (no `value`), set (a string) or remove (`null`). */
export type LocalStore = (key: string, value?: string | null) => unknown;

/**
 * localStorage: get (no `value`), set (a string) or remove (`null`), through LocalStore's named
 * properties (shorter than getItem/setItem). Never throws: storage may be blocked. Only a get's
 * result means anything.
 * @example storage("vt_id", id); storage("vt_id") // id
 */
export const storage: LocalStore = (key, value) => {
  try {
    const store: Record<string, string> = localStorage;
    return value === undefined ? store[key] : value === null ? delete store[key] : (store[key] = value);
  } catch {}
};

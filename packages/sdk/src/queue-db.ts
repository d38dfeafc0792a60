/**
 * The event queue's IndexedDB: one database `vitrine`, one object store `q` keyed by event id.
 * Each call opens the database, runs one transaction and resolves when it has committed, with
 * the result of the request `f` returns (if any). Opening per transaction keeps no connection
 * that Safari could close under us. (A hand-rolled opener: idb-keyval's `createStore` +
 * `promisifyRequest` cost 89 bytes more in the brotli'd snippet, which has a hard budget.)
 * @example tx("readonly", (s) => s.getAll()).then((events) => …)
 */
export const tx = <T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T> =>
  new Promise((resolve, reject) => {
    const r = indexedDB.open("vitrine");
    r.onupgradeneeded = () => r.result.createObjectStore("q");
    r.onsuccess = () => {
      const t = r.result.transaction("q", mode),
        q = f(t.objectStore("q"));
      t.oncomplete = () => resolve(q?.result as T);
      t.onabort = reject;
    };
    r.onerror = reject;
  });

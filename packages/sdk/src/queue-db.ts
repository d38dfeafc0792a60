/**
 * The event queue's IndexedDB: one database `vitrine`, one object store `q` keyed by event id.
 * Each call opens the database, runs one transaction and resolves when it has committed, with
 * the result of the request `f` returns (if any). The connection closes as soon as the
 * transaction is done, so none is left for Safari to drop under us or to block
 * `deleteDatabase` when consent is withdrawn. (A hand-rolled opener: idb-keyval's `createStore` +
 * `promisifyRequest` cost 89 bytes more in the brotli'd snippet, which has a hard budget.)
 * @example tx("readonly", (s) => s.getAll()).then((events) => …)
 */
export const tx = <T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T> =>
  new Promise((resolve, reject) => {
    const r = indexedDB.open("vitrine");
    r.onupgradeneeded = () => r.result.createObjectStore("q");
    r.onsuccess = () => {
      const db = r.result,
        t = db.transaction("q", mode),
        q = f(t.objectStore("q"));
      // Takes effect once the transaction completes.
      db.close();
      t.oncomplete = () => resolve(q?.result as T);
      t.onabort = reject;
    };
    r.onerror = reject;
  });

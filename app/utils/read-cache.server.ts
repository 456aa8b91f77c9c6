// Reads that every resident page repeats and that change only when an administrator edits
// them (the city's name and promise, the category list of the send form): kept per process
// for a few seconds, per database handle. An edit made through this process forgets them at
// once (forgetCachedReads); another process sees it within TTL_MS.

const TTL_MS = 10_000;

interface Entry {
  expires: number;
  value: Promise<unknown>;
}

// Kept on globalThis: the server (build/node) and the Remix build are two bundles, each with its
// own copy of this module, and an edit made through one must be seen by the other.
const shared = ((globalThis as { [key: symbol]: unknown })[Symbol.for('meyasu.read-cache')] ??= {
  byDatabase: new WeakMap<object, Map<string, Entry>>(),
  generations: new WeakMap<object, number>(),
}) as { byDatabase: WeakMap<object, Map<string, Entry>>; generations: WeakMap<object, number> };
const { byDatabase, generations } = shared;

export function cachedRead<T>(db: object, key: string, read: () => Promise<T>): Promise<T> {
  let entries = byDatabase.get(db);
  if (!entries) byDatabase.set(db, (entries = new Map()));
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const value = read();
  const entry = { expires: now + TTL_MS, value };
  entries.set(key, entry);
  // A failed read (database away) is not kept: the next request asks again.
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}

/** After an edit: the next read goes to the database. */
export function forgetCachedReads(db: object): void {
  byDatabase.delete(db);
  generations.set(db, readCacheGeneration(db) + 1);
}

/** Incremented by every forget: what was built from cached reads (the send page's template) knows it is stale. */
export function readCacheGeneration(db: object): number {
  return generations.get(db) ?? 0;
}

/**
 * Drafts of unsent reports, kept in the browser so a reload or a crash loses
 * nothing: IndexedDB when the browser allows it, `localStorage` otherwise
 * (private windows, storage-partitioned iframes). Keyed by form, version,
 * variant and agency.
 * @module
 */

/** One saved draft. */
export interface DraftRecord {
  /** `<form>@<version>/<variant>#<agency>`. */
  key: string;
  /** `<form>@<version>/<variant>#`: every agency's draft of one form variant. */
  prefix: string;
  /** `Date.now()` when saved. */
  savedAt: number;
  report: unknown;
}

/** Where drafts live. Every method resolves, never rejects: a draft is a convenience, not a reason to fail. */
export interface DraftStore {
  get(key: string): Promise<DraftRecord | undefined>;
  /** The most recently saved draft whose key starts with `prefix`. */
  latest(prefix: string): Promise<DraftRecord | undefined>;
  put(record: DraftRecord): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The draft key of a form variant and agency. */
export function draftKey(form: string, version: string, variant: string, agency: string): { key: string; prefix: string } {
  const prefix = `${form}@${version}/${variant}#`;
  return { key: prefix + agency.trim().normalize('NFC'), prefix };
}

const DB = 'bieumau-drafts';
const STORE = 'drafts';
const LS_PREFIX = 'bieumau-draft:';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => {
      const store = r.result.createObjectStore(STORE, { keyPath: 'key' });
      store.createIndex('prefix', 'prefix');
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
}

/** A store in `localStorage` (also the fallback of {@link openDraftStore}). */
export function localStorageDrafts(storage: Storage = globalThis.localStorage): DraftStore {
  const read = (k: string): DraftRecord | undefined => {
    try {
      const raw = storage.getItem(k);
      return raw ? (JSON.parse(raw) as DraftRecord) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    async get(key) {
      return read(LS_PREFIX + key);
    },
    async latest(prefix) {
      let best: DraftRecord | undefined;
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (!k || !k.startsWith(LS_PREFIX + prefix)) continue;
        const rec = read(k);
        if (rec && (!best || rec.savedAt > best.savedAt)) best = rec;
      }
      return best;
    },
    async put(record) {
      try {
        storage.setItem(LS_PREFIX + record.key, JSON.stringify(record));
      } catch {
        // Quota exceeded: nothing else to do; the form keeps working.
      }
    },
    async delete(key) {
      try {
        storage.removeItem(LS_PREFIX + key);
      } catch {
        /* ignore */
      }
    },
  };
}

/** An IndexedDB store; each call falls back to `localStorage` when IndexedDB fails. */
export function openDraftStore(): DraftStore {
  const fallback = localStorageDrafts();
  if (typeof indexedDB === 'undefined') return fallback;
  let db: Promise<IDBDatabase> | undefined;
  const tx = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    db ??= openDb();
    const d = await db;
    return request(fn(d.transaction(STORE, mode).objectStore(STORE)));
  };
  return {
    async get(key) {
      try {
        return (await tx('readonly', (s) => s.get(key))) as DraftRecord | undefined;
      } catch {
        return fallback.get(key);
      }
    },
    async latest(prefix) {
      try {
        const all = (await tx('readonly', (s) => s.index('prefix').getAll(prefix))) as DraftRecord[];
        return all.sort((a, b) => b.savedAt - a.savedAt)[0];
      } catch {
        return fallback.latest(prefix);
      }
    },
    async put(record) {
      try {
        // Structured clone keeps the report as is; no JSON round trip needed.
        await tx('readwrite', (s) => s.put(record));
      } catch {
        await fallback.put(record);
      }
    },
    async delete(key) {
      try {
        await tx('readwrite', (s) => s.delete(key));
      } catch {
        /* ignore */
      }
      await fallback.delete(key);
    },
  };
}

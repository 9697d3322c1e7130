/**
 * The content hash recorded in a workbook: SHA-256 of the definition's schema
 * files in a canonical JSON form (keys sorted), so a workbook made from a
 * different revision of the same form version is noticed. Uses Web Crypto,
 * present in Node ≥ 20 and every browser.
 * @module
 */
import type { Definition } from '@bieumau/core';

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

const cache = new WeakMap<Definition, Promise<string>>();

/** `sha256:<hex>` of the definition's resources (sorted by `$id`). */
export function definitionHash(def: Definition): Promise<string> {
  let p = cache.get(def);
  if (!p) {
    const text = canonical([...def.resources.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r));
    p = globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then((buf) => {
      const hex = [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
      return `sha256:${hex}`;
    });
    cache.set(def, p);
  }
  return p;
}

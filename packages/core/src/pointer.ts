/**
 * JSON Pointers (RFC 6901) — the only way bieumau names a location in a report.
 * Dotted paths are accepted only where JSON Logic needs them (`var`), and only
 * for identifier keys, so the two convert one to one.
 * @module
 */

/** Escapes one reference token: `~` → `~0`, `/` → `~1`. */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Unescapes one reference token. */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Builds a pointer from tokens: `['a', 0, 'b']` → `/a/0/b`. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => '/' + escapeToken(t)).join('');
}

/**
 * Splits a pointer into unescaped tokens. Throws a `SyntaxError` naming the
 * pointer when it does not start with `/` (the empty pointer is the root).
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new SyntaxError(`Expected a JSON Pointer starting with "/", found ${JSON.stringify(pointer)}`);
  }
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** Joins a base pointer and a relative pointer (both RFC 6901 strings). */
export function joinPointer(base: string, relative: string): string {
  if (relative === '') return base;
  return base + relative;
}

/** The parent of a pointer; the root's parent is the root. */
export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

/** The last token of a pointer, unescaped (`''` for the root). */
export function lastToken(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i < 0 ? '' : unescapeToken(pointer.slice(i + 1));
}

function own(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/**
 * Reads the value at `pointer`. Only own properties are followed, so
 * `/__proto__` or `/constructor` never reach the prototype chain.
 */
export function getAt(doc: unknown, pointer: string | readonly string[]): unknown {
  const tokens = typeof pointer === 'string' ? parsePointer(pointer) : pointer;
  let cur: unknown = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9]\d*)$/.test(t)) return undefined;
      cur = cur[Number(t)];
    } else if (cur !== null && typeof cur === 'object') {
      if (!own(cur, t)) return undefined;
      cur = (cur as Record<string, unknown>)[t];
    } else {
      return undefined;
    }
  }
  return cur;
}

/** Whether a value exists at `pointer` (own properties only). */
export function hasAt(doc: unknown, pointer: string): boolean {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return doc !== undefined;
  const parent = getAt(doc, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) return /^(0|[1-9]\d*)$/.test(last) && Number(last) < parent.length;
  return parent !== null && typeof parent === 'object' && own(parent, last);
}

/**
 * Sets the value at `pointer`, creating objects (or arrays, when the next token
 * is an index) on the way. `undefined` deletes the property, which is how a
 * field becomes blank. Refuses `__proto__`, `constructor` and `prototype` as
 * keys so data can never pollute a prototype.
 */
export function setAt(doc: Record<string, unknown>, pointer: string, value: unknown): void {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new RangeError('Cannot replace the root document with setAt');
  let cur: Record<string, unknown> | unknown[] = doc;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '__proto__' || t === 'constructor' || t === 'prototype') {
      throw new RangeError(`Refusing to write the key ${JSON.stringify(t)} at ${pointer}`);
    }
    const last = i === tokens.length - 1;
    if (Array.isArray(cur)) {
      const idx = t === '-' ? cur.length : Number(t);
      if (!Number.isInteger(idx) || idx < 0) throw new RangeError(`Expected an array index at ${pointer}, found ${JSON.stringify(t)}`);
      if (last) {
        if (value === undefined) cur.splice(idx, 1);
        else cur[idx] = value;
        return;
      }
      if (cur[idx] === null || typeof cur[idx] !== 'object') cur[idx] = /^\d+$/.test(tokens[i + 1]!) ? [] : {};
      cur = cur[idx] as Record<string, unknown> | unknown[];
    } else {
      if (last) {
        if (value === undefined) delete cur[t];
        else cur[t] = value;
        return;
      }
      const next = own(cur, t) ? cur[t] : undefined;
      if (next === null || typeof next !== 'object') cur[t] = /^\d+$/.test(tokens[i + 1]!) ? [] : {};
      cur = cur[t] as Record<string, unknown> | unknown[];
    }
  }
}

/** Converts a JSON Logic dotted path (`a.b.0`) to a pointer (`/a/b/0`). */
export function dottedToPointer(path: string): string {
  if (path === '') return '';
  return toPointer(path.split('.'));
}

/** Converts a pointer of identifier keys to a dotted path. */
export function pointerToDotted(pointer: string): string {
  return parsePointer(pointer).join('.');
}

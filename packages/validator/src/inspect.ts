/**
 * A pre-pass over the input before ajv sees it: finds what JSON cannot hold
 * (NaN, Infinity, functions, class instances, `undefined` in arrays),
 * circular references and absurd nesting, and returns located problems plus
 * a copy with those values cut out. A quick recursive check (bounded by
 * {@link MAX_DEPTH}) clears the common case; only input it rejects gets the
 * iterative walk that locates problems, so no input can overflow the stack.
 * The copy is made only when something was found, so valid reports pay one
 * walk.
 * @module
 */
import { escapeToken } from '@bieumau/core';

/** Deeper than any definition (root, section, sub-section, table, row, cell ≈ 6). */
export const MAX_DEPTH = 64;

/** One thing JSON cannot hold, located. */
export interface InputProblem {
  instancePath: string;
  keyword: 'bmNotJson' | 'bmCircular' | 'bmTooDeep';
  params: Record<string, unknown>;
}

/** Outcome of {@link inspectInput}. */
export interface Inspection {
  problems: InputProblem[];
  /** The input itself when no problem was found, else a copy without the offending values. */
  value: unknown;
}

function describe(v: unknown): string | undefined {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? undefined : String(v);
    case 'string':
    case 'boolean':
      return undefined;
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return 'BigInt';
    case 'function':
      return 'function';
    case 'symbol':
      return 'Symbol';
    default: {
      if (v === null || Array.isArray(v)) return undefined;
      const proto = Object.getPrototypeOf(v) as object | null;
      if (proto === null || proto === Object.prototype) return undefined;
      const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name ? name : 'object';
    }
  }
}

interface Entry {
  v: unknown;
  /** The entry of the containing object or array; the pointer is built from these links only when a problem is found. */
  parent: Entry | undefined;
  key: string | number;
  d: number;
  leave?: boolean;
}

function pointerOf(e: Entry): string {
  const tokens: (string | number)[] = [];
  for (let x: Entry | undefined = e; x && x.parent; x = x.parent) tokens.push(x.key);
  let p = '';
  for (let i = tokens.length - 1; i >= 0; i--) p += '/' + escapeToken(tokens[i]!);
  return p;
}

/**
 * The common case, checked without bookkeeping: whether the value holds only
 * what JSON can, nested less than {@link MAX_DEPTH} deep. A cycle never ends,
 * so it fails the depth test; any failure sends the input to the full walk,
 * which locates and names each problem. Recursion is bounded by the depth test.
 */
function plainJson(v: object, d: number): boolean {
  if (d >= MAX_DEPTH) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x === null) continue;
      const t = typeof x;
      if (t === 'string' || t === 'boolean') continue;
      // `x - x` is 0 exactly for finite numbers.
      if (t === 'number') {
        if ((x as number) - (x as number) === 0) continue;
        return false;
      }
      if (t !== 'object' || !plainJson(x as object, d + 1)) return false;
    }
    return true;
  }
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto !== null && proto !== Object.prototype) return false;
  // for…in (faster than Object.keys here) also visits enumerable keys inherited
  // from a polluted Object.prototype: that can only fail the check, never pass a problem.
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x === null || x === undefined) continue;
    const t = typeof x;
    if (t === 'string' || t === 'boolean') continue;
    if (t === 'number') {
      if ((x as number) - (x as number) === 0) continue;
      return false;
    }
    if (t !== 'object' || !plainJson(x as object, d + 1)) return false;
  }
  return true;
}

/** Walks the input once; see the module comment. */
export function inspectInput(input: unknown): Inspection {
  if (input !== null && typeof input === 'object' && plainJson(input, 0)) return { problems: [], value: input };
  const problems: InputProblem[] = [];
  const bad = new Set<string>();
  const report = (e: Entry, keyword: InputProblem['keyword'], params: Record<string, unknown>) => {
    const instancePath = pointerOf(e);
    problems.push({ instancePath, keyword, params });
    bad.add(instancePath);
  };
  // Stack entries: a value to enter, or an object to leave (to keep the set of ancestors exact).
  const stack: Entry[] = [{ v: input, parent: undefined, key: '', d: 0 }];
  const onPath = new Set<object>();
  while (stack.length) {
    const e = stack.pop()!;
    if (e.leave) {
      onPath.delete(e.v as object);
      continue;
    }
    const v = e.v;
    if (v === null || typeof v !== 'object') {
      const found = describe(v);
      // (`undefined` object members never get here: they mean "absent", as JSON.stringify has it.)
      if (found !== undefined) report(e, 'bmNotJson', { found });
      continue;
    }
    if (onPath.has(v)) {
      report(e, 'bmCircular', {});
      continue;
    }
    const found = describe(v);
    if (found !== undefined) {
      report(e, 'bmNotJson', { found });
      continue;
    }
    if (e.d >= MAX_DEPTH) {
      report(e, 'bmTooDeep', { limit: MAX_DEPTH });
      continue;
    }
    onPath.add(v);
    stack.push({ v, parent: undefined, key: '', d: e.d, leave: true });
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const x = v[i];
        // Primitives are checked inline: most of a report is numbers and strings.
        if (x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x))) continue;
        stack.push({ v: x, parent: e, key: i, d: e.d + 1 });
      }
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        const x = (v as Record<string, unknown>)[k];
        if (x === null || x === undefined || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x))) continue;
        stack.push({ v: x, parent: e, key: k, d: e.d + 1 });
      }
    }
  }
  if (!problems.length) return { problems, value: input };
  problems.sort((a, b) => (a.instancePath < b.instancePath ? -1 : a.instancePath > b.instancePath ? 1 : 0));
  return { problems, value: bad.has('') ? undefined : copyWithout(input, '', bad) };
}

/**
 * Copies the input leaving out the values at `bad` pointers: object members
 * are dropped (blank), array elements become `null` so later indices keep
 * their meaning. Recursion is bounded because cycles and deep values are in `bad`.
 */
function copyWithout(v: unknown, p: string, bad: Set<string>): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x, i) => (bad.has(`${p}/${i}`) ? null : copyWithout(x, `${p}/${i}`, bad)));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const cp = `${p}/${escapeToken(k)}`;
    if (bad.has(cp)) continue;
    // defineProperty, not assignment: a `__proto__` key must stay a plain own property.
    Object.defineProperty(out, k, { value: copyWithout((v as Record<string, unknown>)[k], cp, bad), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

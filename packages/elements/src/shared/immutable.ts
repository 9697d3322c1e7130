/**
 * Copy-on-write updates of a report by JSON Pointer: the containers on the
 * path are copied, everything else is shared. Elements re-render exactly the
 * parts whose identity changed (a 2,000-row table is one array copy, not a
 * deep clone), and a value handed to the page is never mutated afterwards.
 * @module
 */
import { parsePointer } from '@bieumau/core';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function setIn(node: unknown, tokens: readonly string[], i: number, value: unknown): unknown {
  if (i === tokens.length) return value;
  const t = tokens[i]!;
  if (FORBIDDEN.has(t)) throw new RangeError(`Refusing to write the key ${JSON.stringify(t)}`);
  if (Array.isArray(node)) {
    if (!/^(0|[1-9]\d*)$/.test(t)) return node;
    const idx = Number(t);
    if (value === undefined && idx >= node.length) return node;
    const copy = node.slice();
    const next = setIn(copy[idx], tokens, i + 1, value);
    // A blank cell leaves its row in place; rows are removed by whole-table edits.
    copy[idx] = next === undefined ? {} : next;
    return copy;
  }
  if (!isObject(node)) {
    if (value === undefined) return node;
    node = /^(0|[1-9]\d*)$/.test(tokens[i + 1] ?? '') ? [] : {};
    if (Array.isArray(node)) return setIn(node, tokens, i, value);
  }
  const obj = node as Record<string, unknown>;
  const has = Object.prototype.hasOwnProperty.call(obj, t);
  if (value === undefined && !has) return obj;
  const next = setIn(has ? obj[t] : undefined, tokens, i + 1, value);
  if (next === obj[t] && has) return obj;
  const copy: Record<string, unknown> = { ...obj };
  if (next === undefined) delete copy[t];
  else copy[t] = next;
  return copy;
}

/** A copy of `doc` with the value at `pointer` set (`undefined` removes it). */
export function setPointer(doc: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> {
  return setIn(doc, parsePointer(pointer), 0, value) as Record<string, unknown>;
}

/** Whether `p` is `base` or lies under it. */
export function within(p: string, base: string): boolean {
  return p === base || base === '' || (p.startsWith(base) && p.charCodeAt(base.length) === 47);
}

/**
 * The rule language: a portable subset of JSON Logic (https://jsonlogic.com),
 * evaluated without `eval` so it runs under a strict Content-Security-Policy.
 * Semantics follow the reference implementation (json-logic-js); the test
 * suite checks this evaluator against it on generated expressions.
 * See `docs/rule-language.md`.
 * @module
 */
import type { Logic } from './schema.js';

/** The operators a definition may use. */
export const LOGIC_OPERATORS = [
  'var', 'missing', 'missing_some', 'if', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'map', 'filter', 'reduce',
  'all', 'none', 'some', 'merge', 'in', 'cat',
] as const;

const ARRAY_OPS = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);
const OPS = new Set<string>(LOGIC_OPERATORS);

/** Thrown for an expression outside the subset (definitions are checked before use). */
export class LogicError extends Error {
  override name = 'LogicError';
}

function isOperation(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1;
}

/** JSON Logic truthiness: like JavaScript, except that an empty array is false. */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v) && v.length === 0) return false;
  return Boolean(v);
}

function own(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Reads a dotted path, following own properties only (no prototype access). */
export function readPath(data: unknown, path: string | number): unknown {
  if (path === '' || path === null) return data;
  const tokens = String(path).split('.');
  let cur: unknown = data;
  for (const t of tokens) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return null;
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9]\d*)$/.test(t)) return null;
      cur = cur[Number(t)];
    } else {
      if (!own(cur, t)) return null;
      cur = (cur as Record<string, unknown>)[t];
    }
    if (cur === undefined) return null;
  }
  return cur;
}

function args(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

function num(v: unknown): number {
  return Number.parseFloat(v as string);
}

const MAX_DEPTH = 200;

/**
 * Evaluates an expression against `data`. Throws {@link LogicError} for an
 * operator outside the subset.
 */
export function evaluateLogic(logic: Logic, data: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new LogicError('Expression nested too deeply');
  if (Array.isArray(logic)) return logic.map((l) => evaluateLogic(l, data, depth + 1));
  if (!isOperation(logic)) return logic;
  const op = Object.keys(logic)[0]!;
  if (!OPS.has(op)) throw new LogicError(`Unknown operator ${JSON.stringify(op)}`);
  const raw = args((logic as Record<string, unknown>)[op]);
  const ev = (l: unknown, d: unknown = data) => evaluateLogic(l, d, depth + 1);

  switch (op) {
    case 'if': {
      let i = 0;
      for (; i < raw.length - 1; i += 2) if (truthy(ev(raw[i]))) return ev(raw[i + 1]);
      return raw.length === i + 1 ? ev(raw[i]) : null;
    }
    case 'and': {
      let last: unknown;
      for (const a of raw) {
        last = ev(a);
        if (!truthy(last)) return last;
      }
      return last;
    }
    case 'or': {
      let last: unknown;
      for (const a of raw) {
        last = ev(a);
        if (truthy(last)) return last;
      }
      return last;
    }
    case 'filter': {
      const list = ev(raw[0]);
      if (!Array.isArray(list)) return [];
      return list.filter((item) => truthy(ev(raw[1], item)));
    }
    case 'map': {
      const list = ev(raw[0]);
      if (!Array.isArray(list)) return [];
      return list.map((item) => ev(raw[1], item));
    }
    case 'reduce': {
      const list = ev(raw[0]);
      let acc = ev(raw[2]);
      if (!Array.isArray(list)) return acc;
      for (const current of list) acc = ev(raw[1], { current, accumulator: acc });
      return acc;
    }
    case 'all':
    case 'some':
    case 'none': {
      const list = ev(raw[0]);
      // As in json-logic-js: `none` of nothing is true, `all` and `some` of nothing are false.
      if (!Array.isArray(list) || list.length === 0) return op === 'none';
      if (op === 'all') return list.every((item) => truthy(ev(raw[1], item)));
      const hit = list.some((item) => truthy(ev(raw[1], item)));
      return op === 'some' ? hit : !hit;
    }
  }

  const a = raw.map((x) => ev(x));
  switch (op) {
    case 'var': {
      const value = readPath(data, a[0] as string);
      return value === null && a.length > 1 ? a[1] : value;
    }
    case 'missing': {
      const keys = Array.isArray(a[0]) ? (a[0] as unknown[]) : a;
      return keys.filter((k) => {
        const v = readPath(data, k as string);
        return v === null || v === '';
      });
    }
    case 'missing_some': {
      const need = a[0] as number;
      const keys = (a[1] as unknown[]) ?? [];
      const missing = keys.filter((k) => {
        const v = readPath(data, k as string);
        return v === null || v === '';
      });
      return keys.length - missing.length >= need ? [] : missing;
    }
    // Loose equality is what JSON Logic specifies for "==" and "!=".
    // eslint-disable-next-line eqeqeq
    case '==': return a[0] == a[1];
    case '===': return a[0] === a[1];
    // eslint-disable-next-line eqeqeq
    case '!=': return a[0] != a[1];
    case '!==': return a[0] !== a[1];
    case '!': return !truthy(a[0]);
    case '!!': return truthy(a[0]);
    case '>': return (a[0] as number) > (a[1] as number);
    case '>=': return (a[0] as number) >= (a[1] as number);
    case '<':
      return a.length === 3 ? (a[0] as number) < (a[1] as number) && (a[1] as number) < (a[2] as number) : (a[0] as number) < (a[1] as number);
    case '<=':
      return a.length === 3 ? (a[0] as number) <= (a[1] as number) && (a[1] as number) <= (a[2] as number) : (a[0] as number) <= (a[1] as number);
    case 'max': return a.length ? Math.max(...a.map(num)) : undefined;
    case 'min': return a.length ? Math.min(...a.map(num)) : undefined;
    case '+': return a.reduce<number>((s, x) => s + num(x), 0);
    case '*': return a.reduce<number>((s, x) => s * num(x), 1);
    case '-': return a.length === 1 ? -num(a[0]) : num(a[0]) - num(a[1]);
    case '/': return num(a[0]) / num(a[1]);
    case '%': return num(a[0]) % num(a[1]);
    case 'merge': return a.reduce<unknown[]>((acc, x) => acc.concat(Array.isArray(x) ? x : [x]), []);
    case 'in': {
      const hay = a[1];
      if (typeof hay === 'string' || Array.isArray(hay)) return (hay as unknown[]).indexOf(a[0] as never) !== -1;
      return false;
    }
    case 'cat': return a.map((x) => (x === null || x === undefined ? '' : String(x))).join('');
  }
  throw new LogicError(`Unknown operator ${JSON.stringify(op)}`);
}

/** The data paths an expression reads. */
export interface LogicVars {
  /** Dotted paths read from the node's data (outside array operators), by `var`, `missing` and `missing_some`. */
  paths: string[];
  /**
   * The subset of {@link LogicVars.paths} read by `var` — the default
   * `requires` of a rule. `missing`/`missing_some` test presence, so a blank
   * field they name must not skip the rule.
   */
  vars: string[];
  /** Array paths iterated, with the dotted paths read from each element. */
  arrays: { path: string; itemPaths: string[] }[];
  /** Problems found: operators outside the subset, computed `var` paths. */
  problems: string[];
}

/**
 * Lists the paths an expression reads, statically. Rules must use literal
 * `var` paths so this is exact; incremental validation relies on it.
 */
export function logicVars(logic: Logic): LogicVars {
  const out: LogicVars = { paths: [], vars: [], arrays: [], problems: [] };
  const visit = (l: unknown, into: string[], inArray: boolean, depth: number): void => {
    if (depth > MAX_DEPTH) {
      out.problems.push('expression nested too deeply');
      return;
    }
    if (Array.isArray(l)) {
      for (const x of l) visit(x, into, inArray, depth + 1);
      return;
    }
    if (!isOperation(l)) {
      if (l !== null && typeof l === 'object') out.problems.push(`an object with ${Object.keys(l).length} keys is not an operation`);
      return;
    }
    const op = Object.keys(l)[0]!;
    const a = args((l as Record<string, unknown>)[op]);
    if (!OPS.has(op)) {
      out.problems.push(`operator ${JSON.stringify(op)} is not in the rule language`);
      return;
    }
    if (op === 'var' || op === 'missing') {
      const list = op === 'missing' && Array.isArray(a[0]) ? (a[0] as unknown[]) : op === 'var' ? [a[0]] : a;
      for (const p of list) {
        if (typeof p === 'string' || typeof p === 'number') {
          into.push(String(p));
          if (op === 'var' && !inArray) out.vars.push(String(p));
        } else out.problems.push(`${op} needs a literal path, found ${JSON.stringify(p)}`);
      }
      if (op === 'var' && a.length > 1) visit(a[1], into, inArray, depth + 1);
      return;
    }
    if (op === 'missing_some') {
      const keys = a[1];
      if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) into.push(...(keys as string[]));
      else out.problems.push('missing_some needs a literal list of paths');
      return;
    }
    if (ARRAY_OPS.has(op)) {
      const source: string[] = [];
      visit(a[0], source, inArray, depth + 1);
      into.push(...source);
      const itemPaths: string[] = [];
      for (const x of a.slice(1)) visit(x, itemPaths, true, depth + 1);
      // Inside `reduce` the element is `current` (and the running value `accumulator`); elsewhere paths are the element's own.
      const own = op === 'reduce'
        ? itemPaths.filter((i) => i === 'current' || i.startsWith('current.')).map((i) => i.slice('current.'.length))
        : itemPaths;
      for (const p of source) out.arrays.push({ path: p, itemPaths: [...new Set(own)] });
      return;
    }
    for (const x of a) visit(x, into, inArray, depth + 1);
  };
  visit(logic, out.paths, false, 0);
  out.paths = [...new Set(out.paths)];
  out.vars = [...new Set(out.vars)];
  return out;
}

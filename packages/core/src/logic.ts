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

/** Sentinel for "no such path" (as opposed to a present `null`). */
const ABSENT: unique symbol = Symbol('absent');

/**
 * Reads a dotted path, following own properties of objects and indices of
 * arrays only: `__proto__`, `constructor` or `length` never reach a
 * prototype (json-logic-js would follow them; definitions never need to).
 */
function lookup(data: unknown, path: unknown): unknown {
  if (path === undefined || path === '' || path === null) return data;
  const tokens = String(path).split('.');
  let cur: unknown = data;
  for (const t of tokens) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return ABSENT;
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9]\d*)$/.test(t)) return ABSENT;
      cur = cur[Number(t)];
    } else {
      if (!own(cur, t)) return ABSENT;
      cur = (cur as Record<string, unknown>)[t];
    }
    if (cur === undefined) return ABSENT;
  }
  return cur;
}

/** Reads a dotted path like `var` does: `null` when there is nothing there. */
export function readPath(data: unknown, path: string | number): unknown {
  const v = lookup(data, path);
  return v === ABSENT ? null : v;
}

function args(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

function num(v: unknown): number {
  return Number.parseFloat(v as string);
}

/** JavaScript's own numeric coercion, which json-logic-js uses for `-`, `/`, `%`, `max`, `min`. */
function coerce(v: unknown): number {
  return Number(v);
}

const MAX_DEPTH = 200;

// Paths named by `missing` are literals in rules: split each once (bounded, so data-made keys cannot grow it).
const pathCache = new Map<unknown, ((data: unknown) => unknown) | undefined>();

/** `missing` on evaluated arguments: the paths whose value is null or "". */
function missingOf(data: unknown, a: unknown[]): unknown[] {
  const keys = Array.isArray(a[0]) ? (a[0] as unknown[]) : a;
  return keys.filter((k) => {
    let read = pathCache.get(k);
    if (read === undefined && !pathCache.has(k)) {
      read = typeof k === 'string' || typeof k === 'number' ? compilePath(k) : undefined;
      if (pathCache.size < 1024 && (typeof k === 'string' || typeof k === 'number')) pathCache.set(k, read);
    }
    const v = typeof k === 'string' || typeof k === 'number' ? (read ? read(data) : data) : lookup(data, k);
    return v === ABSENT || v === null || v === '';
  });
}

/** `missing_some` on evaluated arguments. */
function missingSomeOf(data: unknown, a: unknown[]): unknown[] {
  const need = a[0] as number;
  const keys = Array.isArray(a[1]) ? (a[1] as unknown[]) : [];
  const missing = missingOf(data, [keys]);
  return keys.length - missing.length >= need ? [] : missing;
}

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
      let acc = raw[2] !== undefined ? ev(raw[2]) : null;
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
      // The default applies when nothing is there; a present null stays null.
      const value = lookup(data, a[0]);
      return value === ABSENT ? (a[1] === undefined ? null : a[1]) : value;
    }
    case 'missing': return missingOf(data, a);
    case 'missing_some': return missingSomeOf(data, a);
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
      return a[2] !== undefined ? (a[0] as number) < (a[1] as number) && (a[1] as number) < (a[2] as number) : (a[0] as number) < (a[1] as number);
    case '<=':
      return a[2] !== undefined ? (a[0] as number) <= (a[1] as number) && (a[1] as number) <= (a[2] as number) : (a[0] as number) <= (a[1] as number);
    // As json-logic-js: `max`/`min`/`-`/`/`/`%` coerce like JavaScript (null → 0), `+`/`*` parse like parseFloat (null → NaN).
    case 'max': return Math.max(...a.map(coerce));
    case 'min': return Math.min(...a.map(coerce));
    case '+': return a.reduce<number>((s, x) => s + num(x), 0);
    case '*': return a.length === 1 ? a[0] : a.slice(1).reduce<number>((s, x) => num(s) * num(x), a[0] as number);
    case '-': return a[1] === undefined ? -coerce(a[0]) : coerce(a[0]) - coerce(a[1]);
    case '/': return coerce(a[0]) / coerce(a[1]);
    case '%': return coerce(a[0]) % coerce(a[1]);
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

/** A compiled expression: evaluate against data. */
export type CompiledLogic = (data: unknown) => unknown;

const INDEX = /^(0|[1-9]\d*)$/;

/** A `var` path split once: tokens and whether each is an array index. */
function compilePath(path: unknown): ((data: unknown) => unknown) | undefined {
  if (path === undefined || path === '' || path === null) return undefined;
  const tokens = String(path).split('.');
  const isIndex = tokens.map((t) => INDEX.test(t));
  const n = tokens.length;
  if (n === 1) {
    // Most rule paths are one field of the row or section: no loop.
    const t = tokens[0]!;
    const index = isIndex[0]!;
    return (data) => {
      if (data === null || data === undefined || typeof data !== 'object') return ABSENT;
      let cur: unknown;
      if (Array.isArray(data)) {
        if (!index) return ABSENT;
        cur = data[Number(t)];
      } else {
        if (!own(data, t)) return ABSENT;
        cur = (data as Record<string, unknown>)[t];
      }
      return cur === undefined ? ABSENT : cur;
    };
  }
  return (data) => {
    let cur: unknown = data;
    for (let i = 0; i < n; i++) {
      if (cur === null || cur === undefined || typeof cur !== 'object') return ABSENT;
      const t = tokens[i]!;
      if (Array.isArray(cur)) {
        if (!isIndex[i]) return ABSENT;
        cur = cur[Number(t)];
      } else {
        if (!own(cur, t)) return ABSENT;
        cur = (cur as Record<string, unknown>)[t];
      }
      if (cur === undefined) return ABSENT;
    }
    return cur;
  };
}

/**
 * Whether an expression may return (or return something holding) the data it
 * is evaluated on: a `var` of the whole data (`""`, `null`) or of a computed
 * path. Conservative; `reduce` reuses its context object only when not.
 */
function mayReturnData(l: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(l)) return l.some((x) => mayReturnData(x, depth + 1));
  if (!isOperation(l)) return false;
  const op = Object.keys(l)[0]!;
  const a = args((l as Record<string, unknown>)[op]);
  if (op === 'var') {
    const path = a[0];
    if (path === undefined || path === null || path === '' || typeof path === 'object') return true;
    return a.slice(1).some((x) => mayReturnData(x, depth + 1));
  }
  return a.some((x) => mayReturnData(x, depth + 1));
}

/**
 * Compiles an expression into a tree of closures — no `eval`, so it runs
 * under a strict Content-Security-Policy — with exactly the semantics of
 * {@link evaluateLogic}, several times faster when a rule runs once per row
 * of a large table. Throws {@link LogicError} for an operator outside the
 * subset anywhere in the expression (the interpreter only throws when it
 * reaches one), so callers that must not fail early fall back to it.
 */
export function compileLogic(logic: Logic, depth = 0): CompiledLogic {
  if (depth > MAX_DEPTH) throw new LogicError('Expression nested too deeply');
  if (Array.isArray(logic)) {
    const fs = logic.map((l) => compileLogic(l, depth + 1));
    return (d) => fs.map((f) => f(d));
  }
  if (!isOperation(logic)) return () => logic;
  const op = Object.keys(logic)[0]!;
  if (!OPS.has(op)) throw new LogicError(`Unknown operator ${JSON.stringify(op)}`);
  const raw = args((logic as Record<string, unknown>)[op]);
  const fs = raw.map((l) => compileLogic(l, depth + 1));
  const f0 = fs[0] ?? (() => undefined);
  const f1 = fs[1] ?? (() => undefined);
  const f2 = fs[2];
  switch (op) {
    case 'if':
      return (d) => {
        let i = 0;
        for (; i < fs.length - 1; i += 2) if (truthy(fs[i]!(d))) return fs[i + 1]!(d);
        return fs.length === i + 1 ? fs[i]!(d) : null;
      };
    case 'and':
      return (d) => {
        let last: unknown;
        for (let i = 0; i < fs.length; i++) {
          last = fs[i]!(d);
          if (!truthy(last)) return last;
        }
        return last;
      };
    case 'or':
      return (d) => {
        let last: unknown;
        for (let i = 0; i < fs.length; i++) {
          last = fs[i]!(d);
          if (truthy(last)) return last;
        }
        return last;
      };
    case 'filter':
      return (d) => {
        const list = f0(d);
        return Array.isArray(list) ? list.filter((item) => truthy(f1(item))) : [];
      };
    case 'map':
      return (d) => {
        const list = f0(d);
        return Array.isArray(list) ? list.map((item) => f1(item)) : [];
      };
    case 'reduce': {
      const init = raw[2] !== undefined ? f2! : () => null;
      const source = raw[0];
      if (isOperation(source) && Object.keys(source)[0] === 'filter' && !mayReturnData(raw[1], 0)) {
        // `reduce` of a `filter` (how rules count rows): one pass, no filtered copy of the table.
        const fa = args(source.filter);
        const list0 = fa[0] === undefined ? () => undefined : compileLogic(fa[0] as Logic, depth + 2);
        const keep = fa[1] === undefined ? () => false : compileCondition(fa[1] as Logic, depth + 2);
        const stepArgs = isOperation(raw[1]) && Object.keys(raw[1])[0] === '+' ? args((raw[1] as Record<string, unknown>)['+']) : [];
        const counted = stepArgs.length === 2 && isOperation(stepArgs[0]) && (stepArgs[0] as Record<string, unknown>).var === 'accumulator' && typeof stepArgs[1] === 'number';
        const step = counted ? num(stepArgs[1]) : undefined;
        return (d) => {
          const list = list0(d);
          let acc = init(d);
          if (!Array.isArray(list)) return acc;
          if (step !== undefined) {
            // Counting: the step is `accumulator + k` for a literal k, added as `+` adds.
            for (const current of list) {
              if (!keep(current)) continue;
              let sum = 0;
              sum += num(acc);
              sum += step;
              acc = sum;
            }
            return acc;
          }
          const context = { current: undefined as unknown, accumulator: undefined as unknown };
          for (const current of list) {
            if (!keep(current)) continue;
            context.current = current;
            context.accumulator = acc;
            acc = f1(context);
          }
          return acc;
        };
      }
      if (!mayReturnData(raw[1], 0)) {
        // The step cannot hand its context on, so one context object serves every element.
        return (d) => {
          const list = f0(d);
          let acc = init(d);
          if (!Array.isArray(list)) return acc;
          const context = { current: undefined as unknown, accumulator: undefined as unknown };
          for (const current of list) {
            context.current = current;
            context.accumulator = acc;
            acc = f1(context);
          }
          return acc;
        };
      }
      return (d) => {
        const list = f0(d);
        let acc = init(d);
        if (!Array.isArray(list)) return acc;
        for (const current of list) acc = f1({ current, accumulator: acc });
        return acc;
      };
    }
    case 'all':
    case 'some':
    case 'none':
      return (d) => {
        const list = f0(d);
        if (!Array.isArray(list) || list.length === 0) return op === 'none';
        if (op === 'all') return list.every((item) => truthy(f1(item)));
        const hit = list.some((item) => truthy(f1(item)));
        return op === 'some' ? hit : !hit;
      };
    case 'var': {
      const literal = raw[0] === null || typeof raw[0] !== 'object';
      const read = literal ? compilePath(raw[0]) : undefined;
      const def = fs[1];
      if (read && def === undefined) {
        const path = String(raw[0]);
        if (path.indexOf('.') === -1 && !INDEX.test(path)) {
          // The commonest of all, `{"var": "field"}` on an object: one closure, no sentinel.
          return (d) => {
            if (d === null || typeof d !== 'object' || Array.isArray(d) || !own(d, path)) return null;
            const v = (d as Record<string, unknown>)[path];
            return v === undefined ? null : v;
          };
        }
        // `{"var": "a.b"}`: read, null when absent.
        return (d) => {
          const value = read(d);
          return value === ABSENT ? null : value;
        };
      }
      return (d) => {
        const value = literal ? (read ? read(d) : d) : lookup(d, f0(d));
        return value === ABSENT ? (def === undefined ? null : (def(d) ?? null)) : value;
      };
    }
    case 'missing': {
      // Literal paths (as rules write them) are split once here rather than looked up on every call.
      const keys = raw.length === 1 && Array.isArray(raw[0]) ? (raw[0] as unknown[]) : raw;
      if (keys.every((k) => typeof k === 'string' || typeof k === 'number')) {
        const reads = keys.map((k) => compilePath(k));
        return (d) => {
          const out: unknown[] = [];
          for (let i = 0; i < keys.length; i++) {
            const r = reads[i];
            const v = r ? r(d) : d;
            if (v === ABSENT || v === null || v === '') out.push(keys[i]);
          }
          return out;
        };
      }
      return (d) => missingOf(d, fs.map((f) => f(d)));
    }
    case 'missing_some': return (d) => missingSomeOf(d, fs.map((f) => f(d)));
    case '==':
    case '===': {
      // A literal side (`{"==": [{"var": "level"}, 3]}`, a row filter) is compared directly.
      const lit = raw.length === 2 && !Array.isArray(raw[1]) && (raw[1] === null || typeof raw[1] !== 'object') ? raw[1] : undefined;
      // eslint-disable-next-line eqeqeq
      if (lit !== undefined) return op === '==' ? (d) => f0(d) == lit : (d) => f0(d) === lit;
      // eslint-disable-next-line eqeqeq
      return op === '==' ? (d) => f0(d) == f1(d) : (d) => f0(d) === f1(d);
    }
    // eslint-disable-next-line eqeqeq
    case '!=': return (d) => f0(d) != f1(d);
    case '!==': return (d) => f0(d) !== f1(d);
    case '!': {
      const test = raw.length ? compileCondition(raw[0] as Logic, depth + 1) : () => false;
      return (d) => !test(d);
    }
    case '!!': return raw.length ? compileCondition(raw[0] as Logic, depth + 1) : () => false;
    case '>': return (d) => (f0(d) as number) > (f1(d) as number);
    case '>=': return (d) => (f0(d) as number) >= (f1(d) as number);
    case '<':
    case '<=': {
      const lt = op === '<';
      return (d) => {
        const a = f0(d) as number;
        const b = f1(d) as number;
        const c = f2 ? (f2(d) as number) : undefined;
        if (c !== undefined) return lt ? a < b && b < c : a <= b && b <= c;
        return lt ? a < b : a <= b;
      };
    }
    case 'max': return (d) => Math.max(...fs.map((f) => coerce(f(d))));
    case 'min': return (d) => Math.min(...fs.map((f) => coerce(f(d))));
    case '+':
      return (d) => {
        let sum = 0;
        for (const f of fs) sum += num(f(d));
        return sum;
      };
    case '*':
      return (d) => {
        if (fs.length === 1) return f0(d);
        if (fs.length === 0) return undefined;
        let p: unknown = f0(d);
        for (let i = 1; i < fs.length; i++) p = num(p) * num(fs[i]!(d));
        return p;
      };
    case '-':
      return (d) => {
        const a = f0(d);
        const b = f1(d);
        return b === undefined ? -coerce(a) : coerce(a) - coerce(b);
      };
    case '/': return (d) => coerce(f0(d)) / coerce(f1(d));
    case '%': return (d) => coerce(f0(d)) % coerce(f1(d));
    case 'merge': return (d) => fs.reduce<unknown[]>((acc, f) => { const x = f(d); return acc.concat(Array.isArray(x) ? x : [x]); }, []);
    case 'in':
      return (d) => {
        const needle = f0(d);
        const hay = f1(d);
        if (typeof hay === 'string' || Array.isArray(hay)) return (hay as unknown[]).indexOf(needle as never) !== -1;
        return false;
      };
    case 'cat': return (d) => fs.map((f) => { const x = f(d); return x === null || x === undefined ? '' : String(x); }).join('');
  }
  throw new LogicError(`Unknown operator ${JSON.stringify(op)}`);
}

/**
 * Compiles an expression whose value is only tested for truth (a rule's
 * `when` and `assert`, the operand of `!`, a `filter` predicate):
 * `compileCondition(l)(d) === truthy(compileLogic(l)(d))`, but `missing`
 * answers without building its list, and `and`/`or`/`!` of such tests
 * without their intermediate values. Throws like {@link compileLogic}.
 */
export function compileCondition(logic: Logic, depth = 0): (data: unknown) => boolean {
  if (depth > MAX_DEPTH) throw new LogicError('Expression nested too deeply');
  if (isOperation(logic)) {
    const op = Object.keys(logic)[0]!;
    const raw = args((logic as Record<string, unknown>)[op]);
    if (op === 'missing') {
      const keys = raw.length === 1 && Array.isArray(raw[0]) ? (raw[0] as unknown[]) : raw;
      if (keys.every((k) => typeof k === 'string' || typeof k === 'number')) {
        // Non-empty list ⇔ some key is missing.
        const reads = keys.map((k) => compilePath(k));
        return (d) => {
          for (let i = 0; i < reads.length; i++) {
            const r = reads[i];
            const v = r ? r(d) : d;
            if (v === ABSENT || v === null || v === '') return true;
          }
          return false;
        };
      }
    } else if (op === '!' || op === '!!') {
      const test = raw.length ? compileCondition(raw[0] as Logic, depth + 1) : () => false;
      return op === '!' ? (d) => !test(d) : test;
    } else if (op === 'and' || op === 'or') {
      // `and` returns its first falsy operand (or the last): true exactly when every operand is; `or` dually.
      const tests = raw.map((l) => compileCondition(l as Logic, depth + 1));
      if (tests.length === 0) return () => false;
      if (op === 'and') {
        return (d) => {
          for (let i = 0; i < tests.length; i++) if (!tests[i]!(d)) return false;
          return true;
        };
      }
      return (d) => {
        for (let i = 0; i < tests.length; i++) if (tests[i]!(d)) return true;
        return false;
      };
    } else if (COMPARISONS.has(op)) {
      // These return booleans already.
      return compileLogic(logic, depth) as (data: unknown) => boolean;
    }
  }
  const f = compileLogic(logic, depth);
  return (d) => truthy(f(d));
}

/** Operators whose value is always a boolean. */
const COMPARISONS = new Set(['==', '===', '!=', '!==', '>', '>=', '<', '<=', 'in', 'all', 'some', 'none']);

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

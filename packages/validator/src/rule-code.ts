/**
 * JavaScript source for the row checks of table rules: for a rule that runs
 * once per row, a function `(row) => boolean` that is `true` exactly when
 * the rule passes on that row or does not apply to it (a required value is
 * blank, or `when` does not hold) — what the engine's closures decide, with
 * the row's field names written into the code.
 *
 * Why: closures read a row through a key held in a variable, and V8's
 * property cache at that one read site sees every field name of every rule,
 * so each read is a slow generic lookup; generated code has one site per
 * field name (about twice as fast on a 2,000-row table). Precompiled modules
 * carry the source as code (no `eval`) and hand it to the runtime's
 * {@link rowChecks}; the runtime path, which compiles with ajv and so needs
 * `eval` anyway, turns it into a function with `new Function`. A row a check does not clear — failing, or an expression
 * outside the small subset handled here (then there is no check at all) —
 * goes through the closures, which decide and build the problem.
 * @module
 */
import type { Logic } from '@bieumau/core';
import type { RuleData } from './data.js';

/** Names the generated source uses for the helpers (the parameters of its factory). */
const HAS = '__has';
const NUM = '__num';
const TRUTHY = '__truthy';
const BLANK = '__blank';
const VALUE = '__value';

/** An expression outside what this generator handles: the rule keeps its closures only. */
class Unsupported extends Error {}

function isOperation(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1;
}

function args(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/**
 * The row's fields a check reads, each read once into a local (`v0`, `v1`, …)
 * at the top of the check: its own value, or `undefined`.
 */
class Fields {
  readonly names: string[] = [];
  /** The local holding a field read by `var`/`missing`: one literal segment (no `.`, not an array index). */
  local(path: unknown): string {
    if (typeof path !== 'string' || path === '' || path.includes('.') || /^(0|[1-9]\d*)$/.test(path)) throw new Unsupported();
    let i = this.names.indexOf(path);
    if (i < 0) i = this.names.push(path) - 1;
    return `v${i}`;
  }
  /** `const v0 = …, v1 = …;` — literal keys, so each read has its own site in V8's property caches. */
  declarations(): string {
    return this.names.length
      ? `const ${this.names.map((n, i) => `v${i} = ${HAS}.call(d, ${JSON.stringify(n)}) ? d[${JSON.stringify(n)}] : undefined`).join(', ')}; `
      : '';
  }
}

const COMPARE = new Set(['==', '===', '!=', '!==', '>', '>=', '<', '<=']);

/** Source of an expression's value, as `compileLogic` computes it. */
function value(l: unknown, f: Fields, depth: number): string {
  if (depth > 32) throw new Unsupported();
  if (l === null || typeof l === 'boolean' || typeof l === 'string') return JSON.stringify(l);
  if (typeof l === 'number') {
    if (!Number.isFinite(l)) throw new Unsupported();
    return Object.is(l, -0) ? '-0' : `(${JSON.stringify(l)})`;
  }
  if (!isOperation(l)) throw new Unsupported();
  const op = Object.keys(l)[0]!;
  const a = args(l[op]);
  switch (op) {
    case 'var':
      if (a.length !== 1) throw new Unsupported();
      return `${VALUE}(${f.local(a[0])})`;
    case '!':
    case '!!':
      return test(l, f, depth);
    case '+':
      // `compileLogic`: sum = 0, then `sum += parseFloat(x)` for each operand, left to right.
      return `(0${a.map((x) => ` + ${NUM}(${value(x, f, depth + 1)})`).join('')})`;
    default:
      if (COMPARE.has(op)) return test(l, f, depth);
      throw new Unsupported();
  }
}

/** Source of whether an expression's value is truthy (JSON Logic truthiness: `[]` is false). */
function test(l: unknown, f: Fields, depth: number): string {
  if (depth > 32) throw new Unsupported();
  if (!isOperation(l)) return `${TRUTHY}(${value(l, f, depth + 1)})`;
  const op = Object.keys(l)[0]!;
  const a = args(l[op]);
  switch (op) {
    case 'missing': {
      const keys = a.length === 1 && Array.isArray(a[0]) ? (a[0] as unknown[]) : a;
      if (!keys.length) return 'false';
      return `(${keys.map((k) => `${BLANK}(${f.local(k)})`).join(' || ')})`;
    }
    case 'missing_some': {
      // `missingSomeOf`: the missing keys when fewer than `need` are present, else []; true when that list is not empty.
      const [need, keys] = a;
      if (typeof need !== 'number' || !Number.isFinite(need) || !Array.isArray(keys) || !keys.length) throw new Unsupported();
      const locals = keys.map((k) => f.local(k));
      const present = locals.map((v) => `(${BLANK}(${v}) ? 0 : 1)`).join(' + ');
      return `((${present}) < ${value(need, f, depth + 1)} && (${locals.map((v) => `${BLANK}(${v})`).join(' || ')}))`;
    }
    case 'in': {
      // A literal haystack: `indexOf` on the array (strict equality) or the string, as compileLogic does.
      const hay = a[1];
      const literal = (x: unknown) => x === null || (typeof x !== 'object' && (typeof x !== 'number' || Number.isFinite(x)));
      if (a.length !== 2 || !(typeof hay === 'string' || (Array.isArray(hay) && hay.every(literal)))) throw new Unsupported();
      return `(${JSON.stringify(hay)}.indexOf(${value(a[0], f, depth + 1)}) !== -1)`;
    }
    case '!':
      return a.length ? `!${test(a[0], f, depth + 1)}` : 'true';
    case '!!':
      return a.length ? test(a[0], f, depth + 1) : 'false';
    case 'and':
    case 'or':
      if (!a.length) return 'false';
      return `(${a.map((x) => test(x, f, depth + 1)).join(op === 'and' ? ' && ' : ' || ')})`;
    default:
      if (COMPARE.has(op)) {
        // Two operands only: `<`/`<=` with three ("between") stay with the closures.
        if (a.length !== 2) throw new Unsupported();
        return `(${value(a[0], f, depth + 1)} ${op} ${value(a[1], f, depth + 1)})`;
      }
      return `${TRUTHY}(${value(l, f, depth + 1)})`;
  }
}

/**
 * The source of a row check for a rule, or `undefined` when the rule is not
 * a row rule or uses something outside the handled subset (`var` and
 * `missing`/`missing_some` of one-segment fields, literals, `!`, `!!`, `and`,
 * `or`, `+`, two-operand comparisons, `in` a literal list or text; `requires`
 * of one field each).
 */
export function rowCheckSource(rule: Pick<RuleData, 'perRow' | 'requires' | 'when' | 'assert'>): string | undefined {
  if (!rule.perRow) return undefined;
  try {
    const f = new Fields();
    const parts: string[] = [];
    for (const p of rule.requires) {
      if (!/^\/[^/~]+$/.test(p)) throw new Unsupported();
      parts.push(`${BLANK}(${f.local(p.slice(1))})`);
    }
    if (rule.when !== undefined) parts.push(`!${test(rule.when as Logic, f, 0)}`);
    parts.push(test(rule.assert as Logic, f, 0));
    return `(d) => { ${f.declarations()}return ${parts.join(' || ')}; }`;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** What generated row checks call, in the order of {@link ROW_CHECK_PARAMS}. */
const ROW_CHECK_HELPERS: readonly unknown[] = [
  Object.prototype.hasOwnProperty,
  Number.parseFloat,
  (v: unknown) => !(Array.isArray(v) && v.length === 0) && Boolean(v),
  (v: unknown) => v === undefined || v === null || v === '',
  (v: unknown) => (v === undefined ? null : v),
];

/** The names generated row checks use for the helpers. */
export const ROW_CHECK_PARAMS = [HAS, NUM, TRUTHY, BLANK, VALUE] as const;

/** A list of row checks as generated code builds it: a function of the helpers. */
export type RowChecksFactory = (...helpers: never[]) => readonly (((row: unknown) => boolean) | null)[];

/**
 * The row checks of a factory written from {@link rowChecksSource}
 * (`(__has, __num, …) => [ … ]`): precompiled modules call this with their
 * factory, the runtime path with one made by `new Function`.
 */
export function rowChecks(factory: RowChecksFactory): readonly (((row: unknown) => boolean) | null)[] {
  return (factory as (...helpers: unknown[]) => ReturnType<RowChecksFactory>)(...ROW_CHECK_HELPERS);
}

/** Source of a factory `(__has, __num, …) => [check or null per rule]`, or `undefined` when no rule has a check. */
export function rowChecksSource(rules: readonly Pick<RuleData, 'perRow' | 'requires' | 'when' | 'assert'>[]): string | undefined {
  const list = rules.map((r) => rowCheckSource(r) ?? 'null');
  return list.some((x) => x !== 'null') ? `(${ROW_CHECK_PARAMS.join(', ')}) => [${list.join(', ')}]` : undefined;
}

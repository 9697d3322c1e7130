/**
 * The validation engine shared by the runtime validator and the precompiled
 * modules: it takes schema validation functions (compiled by ajv at run time,
 * or generated ahead of time) and the {@link ValidatorData} of a definition,
 * and does everything else — input pre-pass, ajv error post-processing,
 * value states, cross-field rules, messages. Nothing here compiles code, so
 * it runs under a Content-Security-Policy without `'unsafe-eval'`.
 * @module
 */
import type { FieldNode, FormInfo, Lang, Logic, ReportError, Texts } from '@bieumau/core';
import { compileCondition, compileLogic, escapeToken, fieldReference, getAt, parsePointer, templateOf } from '@bieumau/core';
import type { NodeData, RuleData, ValidatorData } from './data.js';
import { inspectInput } from './inspect.js';
import { interpolate, keywordMessage } from './messages.js';
import { deriveSchemaPath } from './schema-paths.js';
import type { SchemaPathTable } from './schema-paths.js';

/** The part of an ajv `ErrorObject` we read. */
export interface SchemaErrorLike {
  instancePath: string;
  /** Left out by precompiled code where `SchemaValidators.schemaPaths` rebuilds it. */
  schemaPath?: string;
  keyword: string;
  params: Record<string, unknown>;
  /** Set by ajv on errors inside `propertyNames`: the key that failed. */
  propertyName?: string;
}

/** A schema validation function: ajv's compiled or standalone `validate`. */
export type SchemaValidateFunction = ((data: unknown) => boolean) & { errors?: SchemaErrorLike[] | null };

/** Where the engine gets schema validation functions from. */
export interface SchemaValidators {
  /**
   * Validates a whole report. Incremental validation also goes through it,
   * with a probe document holding only the path to the field, which costs
   * microseconds and keeps one generated function per definition.
   */
  root: SchemaValidateFunction;
  /** Bases for the schemaPaths precompiled code leaves out (`schema-paths.ts`). */
  schemaPaths?: SchemaPathTable;
  /**
   * Generated row checks, one per rule in the data's order (`null` where there
   * is none): `true` exactly when the row passes or the rule does not apply
   * to it (`rule-code.ts`). Rows a check does not clear go through the closures.
   */
  rowChecks?: readonly (((row: unknown) => boolean) | null)[];
}

/** Options of every validation call. */
export interface ValidateOptions {
  /** Language of the messages: Vietnamese (default) or English. */
  lang?: Lang;
  /** At most this many problems are listed (default 1000); a `bmTooManyErrors` error says how many were left out. */
  maxErrors?: number;
}

/** The outcome of validating a report: `ok` when there is no error (warnings never block). */
export interface ValidationResult {
  ok: boolean;
  errors: ReportError[];
  warnings: ReportError[];
}

/** The outcome of validating one field or row, and what was re-checked so a form can replace its previous problems there. */
export interface FieldValidationResult extends ValidationResult {
  scope: {
    /** Problems located at or under this pointer were recomputed. */
    pointer: string;
    /** Rules that were re-evaluated (their previous problems should be replaced too). */
    rules: string[];
  };
}

/** A validator for one definition. The runtime and precompiled validators have this same API. */
export interface Validator {
  /** Identity of the form. */
  readonly info: FormInfo;
  /** `$id` of the root schema. */
  readonly id: string;
  /** The data the engine runs on (labels, rules, containers). */
  readonly data: ValidatorData;
  /** Validates a whole report: schema, value states, cross-field rules. */
  validate(report: unknown, options?: ValidateOptions): ValidationResult;
  /**
   * Validates one field, sub-section or table row (`/dvc/services/3`) and the
   * rules that read it, without revalidating the rest of the report.
   */
  validateField(report: unknown, pointer: string, options?: ValidateOptions): FieldValidationResult;
  /** Validates one row of a table: `validateField(report, table + '/' + index)`. */
  validateRow(report: unknown, tablePointer: string, index: number, options?: ValidateOptions): FieldValidationResult;
  /** Renders a message for a problem (e.g. one from another view) in a language. */
  message(problem: Pick<ReportError, 'instancePath' | 'keyword' | 'params'>, lang?: Lang): string;
}

/** A problem before its message is rendered; `tpl` carries a rule's message template. */
interface Problem extends ReportError {
  tpl?: Texts;
}

const DEFAULT_MAX_ERRORS = 1000;

/** An array index token (RFC 6901: no leading zeros). */
const INDEX = /^(0|[1-9]\d*)$/;

/** `parsePointer`, without the unescaping pass when there is nothing to unescape. */
function tokensOfPointer(pointer: string): string[] {
  return pointer.length > 0 && pointer.charCodeAt(0) === 47 /* / */ && pointer.indexOf('~') === -1 ? pointer.slice(1).split('/') : parsePointer(pointer);
}

/** `escapeToken`, without the escaping pass when there is nothing to escape. */
function escape(token: string): string {
  return token.indexOf('~') === -1 && token.indexOf('/') === -1 ? token : escapeToken(token);
}

/** Keywords about how many items or entries a value has, not about the value itself. */
const COUNT_KEYWORDS = new Set(['maxItems', 'minItems', 'maxProperties', 'minProperties', 'uniqueItems', 'maxContains', 'minContains']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function blank(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

function own(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Whether `p` is `base` or lies under it. */
function within(p: string, base: string): boolean {
  return p === base || base === '' || (p.startsWith(base) && p.charCodeAt(base.length) === 47 /* / */);
}

/** JSON-safe copy of a rule param value (NaN from arithmetic on text becomes null). */
function jsonSafe(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(jsonSafe);
  return v;
}

type Fn = (d: unknown) => unknown;

type Test = (d: unknown) => boolean;

/** A rule compiled once: closures for its expressions and readers for the values it requires. */
interface CompiledRule {
  when?: Test;
  assert: Test;
  params: [string, Fn][];
  /** Read each `requires` pointer from the node value (a plain object). */
  requires: Fn[];
  /** The generated row check, when there is one. */
  check?: (row: unknown) => boolean;
}

/** What rules are checked against besides the report: the not-applicable map and the schema problems. */
interface RuleContext {
  na: Record<string, unknown> | undefined;
  invalid: ((pointer: string) => boolean) | undefined;
  /** Pointers `na` or `invalid` may name, with their ancestors; `undefined` when unknown (check every pointer). */
  hot: Set<string> | undefined;
}

/** Adds a pointer and each of its ancestors (the strings before each `/`). */
function addAncestors(set: Set<string>, pointer: string): void {
  set.add(pointer);
  for (let i = pointer.indexOf('/', 1); i !== -1; i = pointer.indexOf('/', i + 1)) set.add(pointer.slice(0, i));
}

/** A reader of a relative pointer from a plain object: `getAt`, with the one-token case inlined. */
function reader(pointer: string): Fn {
  const tokens = parsePointer(pointer);
  if (tokens.length === 1) {
    const t = tokens[0]!;
    return (v) => (own(v as object, t) ? (v as Record<string, unknown>)[t] : undefined);
  }
  return (v) => getAt(v, tokens);
}

/** Binary comparisons whose operands a rule's params often repeat (`declared` and `rows` of a count rule). */
const COMPARE: Record<string, (a: unknown, b: unknown) => boolean> = {
  // Loose equality is what JSON Logic specifies for "==" and "!=" (as in core's compileLogic).
  // eslint-disable-next-line eqeqeq
  '==': (a, b) => a == b,
  '===': (a, b) => a === b,
  // eslint-disable-next-line eqeqeq
  '!=': (a, b) => a != b,
  '!==': (a, b) => a !== b,
  '>': (a, b) => (a as number) > (b as number),
  '>=': (a, b) => (a as number) >= (b as number),
  '<': (a, b) => (a as number) < (b as number),
  '<=': (a, b) => (a as number) <= (b as number),
};

function compilesWhole(expr: unknown): boolean {
  try {
    compileLogic(expr as Logic);
    return true;
  } catch {
    return false;
  }
}

/**
 * Compiles a rule. When the assertion compares two operands and a param is
 * one of them (`{ "rows": <the reduce the assertion counts> }`), the param
 * reuses the value the assertion just computed instead of walking the table
 * again: params are evaluated only right after a failed assertion on the
 * same value, and expressions have no side effects.
 */
function compileRule(r: RuleData, compile: (expr: unknown) => Fn, condition: (expr: unknown) => Test): CompiledRule {
  const c: CompiledRule = { assert: condition(r.assert), params: [], requires: r.requires.map(reader) };
  if (r.when !== undefined) c.when = condition(r.when);
  const params = Object.entries(r.params ?? {});
  const a = r.assert as Record<string, unknown> | null;
  const op = a !== null && typeof a === 'object' && !Array.isArray(a) && Object.keys(a).length === 1 ? Object.keys(a)[0]! : undefined;
  const operands = op !== undefined && own(COMPARE, op) && Array.isArray(a![op]) ? (a![op] as unknown[]) : undefined;
  const shared = operands?.length === 2 ? operands.map((x) => JSON.stringify(x)) : undefined;
  // Only when the whole assertion compiles: otherwise it is the closure that reports bmRuleFailed.
  if (shared && params.some(([, v]) => shared.includes(JSON.stringify(v))) && compilesWhole(r.assert)) {
    const cmp = COMPARE[op!]!;
    const [f0, f1] = operands!.map(compile) as [Fn, Fn];
    const last: [unknown, unknown] = [undefined, undefined];
    c.assert = (d) => cmp((last[0] = f0(d)), (last[1] = f1(d)));
    c.params = params.map(([k, v]) => {
      const i = shared.indexOf(JSON.stringify(v));
      return [k, i === -1 ? compile(v) : () => last[i]];
    });
  } else c.params = params.map(([k, v]) => [k, compile(v)]);
  return c;
}

/**
 * Creates a validator from schema validation functions and validator data.
 * Used by {@link createValidator} (ajv at run time) and by precompiled modules.
 */
export function createEngine(data: ValidatorData, validators: SchemaValidators): Validator {
  const byTemplate = new Map<string, NodeData>();
  for (const n of data.nodes) byTemplate.set(n.t, n);
  const rulesById = new Map<string, RuleData>();
  for (const r of data.rules) if (!rulesById.has(r.id)) rulesById.set(r.id, r);
  // Rules compile once into closures (no eval). An expression the compiler refuses (an
  // operator outside the language: validateDefinition rejects those) becomes a closure
  // that throws, so the rule reports bmRuleFailed wherever it runs, with no interpreter shipped.
  const orThrowing = <F>(make: () => F): F | (() => never) => {
    try {
      return make();
    } catch (error) {
      return () => {
        throw error;
      };
    }
  };
  const compile = (expr: unknown): Fn => orThrowing(() => compileLogic(expr));
  const condition = (expr: unknown): Test => orThrowing(() => compileCondition(expr));
  const compiled = new Map<RuleData, CompiledRule>();
  data.rules.forEach((r, i) => {
    const c = compileRule(r, compile, condition);
    const check = r.perRow ? validators.rowChecks?.[i] : undefined;
    if (check) c.check = check;
    compiled.set(r, c);
  });
  // Node and rule pointers parsed once (getAt would parse them on every call).
  const parsed = new Map<string, readonly string[]>();
  const tokensOf = (pointer: string): readonly string[] => {
    let t = parsed.get(pointer);
    if (!t) parsed.set(pointer, (t = parsePointer(pointer)));
    return t;
  };
  const naNodes = data.nodes.filter((n) => n.na && !n.t.includes('/*'));
  const evidenceNodes = data.nodes.filter((n) => n.evidence && !n.t.includes('/*'));
  const rootBase = data.id;

  // ---- ajv error post-processing: the ONE place ajv's output is turned into ours.
  // ajv's schemaPaths are literals of the generated code, so this cache is bounded by it.
  const absPaths = new Map<string, string>();
  const pathBases = new Map(validators.schemaPaths ?? []);
  const absSchemaPath = (sp: string): string => {
    let abs = absPaths.get(sp);
    if (abs === undefined) {
      try {
        abs = new URL(sp, rootBase).href;
      } catch {
        abs = sp;
      }
      absPaths.set(sp, abs);
    }
    return abs;
  };

  const fromSchema = (errors: readonly SchemaErrorLike[] | null | undefined, prefix: string, out: Problem[], seen: Set<string>): void => {
    if (!errors) return;
    for (const e of errors) {
      // Wrappers only repeat what their inner errors say ("must match then schema").
      if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'propertyNames') continue;
      let path = prefix + e.instancePath;
      const params: Record<string, unknown> = { ...e.params };
      // Re-home onto the field concerned, once, here, so no view has to.
      if (e.keyword === 'required' && typeof params.missingProperty === 'string') path += '/' + escapeToken(params.missingProperty);
      else if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') path += '/' + escapeToken(params.additionalProperty);
      else if (typeof e.propertyName === 'string') {
        // An error about a key (propertyNames): located at the entry it names, the key in params.
        path += '/' + escapeToken(e.propertyName);
        params.propertyName = e.propertyName;
      }
      const key = `${path}\u0000${e.keyword}\u0000${JSON.stringify(params)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ instancePath: path, keyword: e.keyword, params, severity: 'error', schemaPath: absSchemaPath(e.schemaPath ?? deriveSchemaPath(pathBases, e.instancePath, e.keyword) ?? '') });
    }
  };

  const runSchema = (fn: SchemaValidateFunction, value: unknown, prefix: string): Problem[] => {
    const out: Problem[] = [];
    if (!fn(value)) fromSchema(fn.errors, prefix, out, new Set());
    return out;
  };

  // ---- messages
  // core's fieldReference reads only the label and the code, which is what the data keeps of a node.
  const refs: Record<Lang, Map<NodeData, string>> = { vi: new Map(), en: new Map() };
  // Cached per node: the same references recur in every message about a table.
  const refOf = (n: NodeData, lang: Lang): string => {
    const cache = lang === 'vi' || lang === 'en' ? refs[lang] : undefined;
    let r = cache?.get(n);
    if (r === undefined) {
      r = fieldReference(n as unknown as FieldNode, lang);
      cache?.set(n, r);
    }
    return r;
  };
  /** `templateOf` on parsed tokens. */
  const templateOfTokens = (tokens: readonly string[]): string => {
    let t = '';
    for (const token of tokens) t += '/' + (INDEX.test(token) ? '*' : escape(token));
    return t;
  };

  /** The field reference of a location (`Mục 3.4.đ – …, dòng 4, cột …`), from its parsed tokens. */
  const reference = (tokens: readonly string[], lang: Lang): string => {
    const report = lang === 'vi' ? 'Báo cáo' : 'Report';
    if (tokens.length === 0) return report;
    const first = tokens[0]!;
    if ((first === 'notApplicable' || first === 'evidence') && data.reserved[first]) {
      const base = data.reserved[first][lang];
      if (tokens.length === 1) return base;
      const named = byTemplate.get(tokens[1]!);
      return named ? `${base} (${refOf(named, lang)})` : `${base} «${tokens[1]}»`;
    }
    // Walk down, remembering the table and row we pass, so a cell reads "…, dòng 3, cột …".
    let template = '';
    let deepest: NodeData | undefined;
    let depth = 0;
    let table: NodeData | undefined;
    let row = -1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const isIndex = INDEX.test(t);
      const next = `${template}/${isIndex ? '*' : escape(t)}`;
      if (isIndex && deepest?.kind === 'table' && depth === i) {
        table = deepest;
        row = Number(t);
      }
      template = next;
      const n = byTemplate.get(template);
      if (n) {
        deepest = n;
        depth = i + 1;
      } else if (!(isIndex && table && row >= 0 && depth === i)) {
        break;
      }
    }
    if (!deepest) return report;
    const rowWord = lang === 'vi' ? 'dòng' : 'row';
    if (table && deepest !== table) {
      return `${refOf(table, lang)}, ${rowWord} ${row + 1}, ${lang === 'vi' ? 'cột' : 'column'} ${refOf(deepest, lang)}`;
    }
    if (table && row >= 0) return `${refOf(table, lang)}, ${rowWord} ${row + 1}`;
    return refOf(deepest, lang);
  };

  const message = (p: Pick<Problem, 'instancePath' | 'keyword' | 'params' | 'tpl'>, lang: Lang = 'vi'): string => {
    // Parsed once for both the node (catalogue messages need its kind and options) and the reference.
    let tokens: string[] | undefined;
    try {
      tokens = tokensOfPointer(p.instancePath);
    } catch {
      tokens = undefined;
    }
    const rule = p.tpl ?? rulesById.get(p.keyword)?.message;
    const text = rule
      ? interpolate(rule[lang], p.params, lang)
      : keywordMessage(p.keyword, p.params, tokens && byTemplate.get(templateOfTokens(tokens)), lang);
    return `${tokens ? reference(tokens, lang) : p.instancePath}: ${text}`;
  };

  const finish = (problems: Problem[], options: ValidateOptions | undefined): ValidationResult => {
    const lang = options?.lang === 'en' ? 'en' : 'vi';
    const limit = options?.maxErrors ?? DEFAULT_MAX_ERRORS;
    let list = problems;
    if (list.length > limit) {
      const omitted = list.length - limit;
      list = list.slice(0, limit);
      list.push({ instancePath: '', keyword: 'bmTooManyErrors', params: { limit, omitted }, severity: 'error' });
    }
    const errors: ReportError[] = [];
    const warnings: ReportError[] = [];
    for (const p of list) {
      const e: ReportError = { instancePath: p.instancePath, keyword: p.keyword, params: p.params, severity: p.severity, message: message(p, lang) };
      if (p.schemaPath !== undefined) e.schemaPath = p.schemaPath;
      (p.severity === 'warning' ? warnings : errors).push(e);
    }
    return { ok: errors.length === 0, errors, warnings };
  };

  // ---- value states: not applicable, evidence
  const mapOf = (report: Record<string, unknown>, key: string): Record<string, unknown> | undefined => {
    const m = own(report, key) ? report[key] : undefined;
    return isPlainObject(m) ? m : undefined;
  };

  const naEntryProblems = (report: Record<string, unknown>, out: Problem[]): void => {
    const na = mapOf(report, 'notApplicable');
    if (na) {
      for (const key of Object.keys(na)) {
        const path = `/notApplicable/${escapeToken(key)}`;
        const node = byTemplate.get(key);
        if (!node || !node.na || key.includes('*')) {
          out.push({ instancePath: path, keyword: 'bmNotApplicable', params: { pointer: key }, severity: 'error' });
          continue;
        }
        const reason = na[key];
        if (typeof reason === 'string' && !/\S/u.test(reason)) {
          out.push({ instancePath: path, keyword: 'bmNotApplicableReason', params: { pointer: key }, severity: 'error' });
        }
      }
    }
    const ev = mapOf(report, 'evidence');
    if (ev) {
      for (const key of Object.keys(ev)) {
        const node = byTemplate.get(key);
        if (!node || !node.evidence || key.includes('*')) {
          out.push({ instancePath: `/evidence/${escapeToken(key)}`, keyword: 'bmEvidence', params: { pointer: key }, severity: 'error' });
        }
      }
    }
  };

  /** Conflict and missing-evidence problems of one field (located at the field). */
  const fieldStateProblems = (report: Record<string, unknown>, node: NodeData, out: Problem[]): void => {
    const na = mapOf(report, 'notApplicable');
    const marked = na !== undefined && own(na, node.t);
    const value = getAt(report, tokensOf(node.t));
    if (node.na && marked && !blank(value)) {
      out.push({ instancePath: node.t, keyword: 'bmNotApplicableConflict', params: { pointer: node.t }, severity: 'error' });
    }
    if (node.evidence === 'required' && !marked && !blank(value)) {
      const ev = mapOf(report, 'evidence');
      const link = ev && own(ev, node.t) ? ev[node.t] : undefined;
      if (typeof link !== 'string' || link.trim() === '') {
        out.push({ instancePath: node.t, keyword: 'bmEvidenceRequired', params: { pointer: node.t }, severity: 'error' });
      }
    }
  };

  // ---- rules
  /**
   * Runs a rule on one node value. `ptr` is the node's pointer, or `null` for
   * row `row` of the rule's table (built only when needed: most rows pass).
   * `states`: whether the not-applicable map or the schema problems may name
   * a value under this node (when not, the per-value lookups are skipped).
   */
  const runRule = (rule: RuleData, c: CompiledRule, ctx: RuleContext, states: boolean, ptr: string | null, row: number, nodeValue: unknown, out: Problem[]): void => {
    if (!isPlainObject(nodeValue)) return;
    const req = c.requires;
    for (let i = 0; i < req.length; i++) {
      if (blank(req[i]!(nodeValue))) return;
      if (states) {
        const abs = (ptr ?? (ptr = `${rule.node}/${row}`)) + rule.requires[i]!;
        if (ctx.na && own(ctx.na, abs)) return;
        if (ctx.invalid && ctx.invalid(abs)) return;
      }
    }
    let params: Record<string, unknown>;
    try {
      if (c.when && !c.when(nodeValue)) return;
      if (c.assert(nodeValue)) return;
      // Allocated only for a failure: most rows pass.
      params = {};
      for (const [name, f] of c.params) params[name] = jsonSafe(f(nodeValue));
    } catch {
      params = { rule: rule.id };
      out.push({ instancePath: (ptr ?? `${rule.node}/${row}`) + rule.target, keyword: 'bmRuleFailed', params, severity: 'warning', schemaPath: rule.schemaPath });
      return;
    }
    out.push({ instancePath: (ptr ?? `${rule.node}/${row}`) + rule.target, keyword: rule.id, params, severity: rule.severity, schemaPath: rule.schemaPath, tpl: rule.message });
  };

  const runRuleAt = (rule: RuleData, report: Record<string, unknown>, ctx: RuleContext, out: Problem[], onlyRow?: number): void => {
    const c = compiled.get(rule)!;
    const nodeValue = rule.node === '' ? report : getAt(report, tokensOf(rule.node));
    const states = ctx.na !== undefined || ctx.invalid !== undefined;
    if (!rule.perRow) {
      runRule(rule, c, ctx, states, rule.node, -1, nodeValue, out);
      return;
    }
    if (!Array.isArray(nodeValue)) return;
    if (onlyRow !== undefined) {
      if (onlyRow < nodeValue.length) runRule(rule, c, ctx, states, null, onlyRow, nodeValue[onlyRow], out);
      return;
    }
    // The rows the not-applicable map or the schema problems name something in; the others skip the lookups.
    let hotRows: Set<number> | undefined;
    if (states && ctx.hot) {
      hotRows = new Set<number>();
      const prefix = `${rule.node}/`;
      for (const p of ctx.hot) {
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        const slash = rest.indexOf('/');
        const token = slash === -1 ? rest : rest.slice(0, slash);
        if (INDEX.test(token)) hotRows.add(Number(token));
      }
    }
    // Most rows pass: they are checked here without building anything, and a row that
    // fails, throws or is named by a value state goes through runRule, which decides.
    const n = nodeValue.length;
    const req = c.requires;
    const when = c.when;
    const assert = c.assert;
    const check = c.check;
    let i = 0;
    while (i < n) {
      try {
        for (; i < n; i++) {
          const v: unknown = nodeValue[i];
          if (states && (hotRows === undefined || (hotRows.size !== 0 && hotRows.has(i)))) {
            runRule(rule, c, ctx, true, null, i, v, out);
            continue;
          }
          if (!isPlainObject(v)) continue;
          if (check !== undefined) {
            if (!check(v)) runRule(rule, c, ctx, false, null, i, v, out);
            continue;
          }
          let present = true;
          for (let k = 0; k < req.length; k++) {
            if (blank(req[k]!(v))) {
              present = false;
              break;
            }
          }
          if (!present || (when !== undefined && !when(v)) || assert(v)) continue;
          runRule(rule, c, ctx, false, null, i, v, out);
        }
      } catch {
        // runRule catches what the expression throws and reports it for this row.
        runRule(rule, c, ctx, states && (hotRows === undefined || hotRows.has(i)), null, i, nodeValue[i], out);
        i++;
      }
    }
  };

  /**
   * Pointers whose value failed the schema, for skipping rules: problems
   * located exactly there, except those about the number of items or entries
   * (a table with too many rows can still be counted).
   */
  const invalidSet = (problems: readonly Problem[]): Set<string> => {
    const s = new Set<string>();
    for (const p of problems) if (!COUNT_KEYWORDS.has(p.keyword)) s.add(p.instancePath);
    return s;
  };

  const internal = (options: ValidateOptions | undefined, error: unknown): ValidationResult =>
    finish([{ instancePath: '', keyword: 'bmInternal', params: { reason: error instanceof Error ? error.message : String(error) }, severity: 'error' }], options);

  // ---- whole report
  const validate = (report: unknown, options?: ValidateOptions): ValidationResult => {
    try {
      const inspection = inspectInput(report);
      const problems: Problem[] = inspection.problems.map((p) => ({ ...p, severity: 'error' as const }));
      if (inspection.problems.some((p) => p.instancePath === '')) return finish(problems, options);
      const value = inspection.value;
      let schemaProblems = runSchema(validators.root, value, '');
      if (inspection.problems.length) {
        const cut = inspection.problems.map((p) => p.instancePath);
        schemaProblems = schemaProblems.filter((e) => !cut.some((c) => within(e.instancePath, c)));
      }
      problems.push(...schemaProblems);
      if (!isPlainObject(value)) return finish(problems, options);
      // Rules are skipped where a value they need failed the schema (or the pre-pass), not where a value state is off.
      const bad = invalidSet(problems);
      const na = mapOf(value, 'notApplicable');
      // Every pointer a rule could find marked or invalid, with its ancestors: rows outside it skip those lookups.
      const hot = new Set<string>();
      for (const p of bad) addAncestors(hot, p);
      if (na) for (const k of Object.keys(na)) addAncestors(hot, k);
      const ctx: RuleContext = { na, invalid: bad.size ? (p: string) => bad.has(p) : undefined, hot };
      naEntryProblems(value, problems);
      for (const n of naNodes) fieldStateProblems(value, n, problems);
      for (const n of evidenceNodes) if (!n.na) fieldStateProblems(value, n, problems);
      for (const rule of data.rules) runRuleAt(rule, value, ctx, problems);
      return finish(problems, options);
    } catch (error) {
      return internal(options, error);
    }
  };

  // ---- incremental
  /**
   * Schema problems at or under `pointer`, found by validating a probe: a
   * document holding only the path down to the value (other members left
   * out, array elements on the path moved to index 0). ajv then checks just
   * that value and the objects around it; problems about the left-out
   * members (`required` of siblings) are outside `pointer` and dropped.
   */
  const fieldSchemaProblems = (report: unknown, pointer: string, shallow = false): Problem[] => {
    const tokens = parsePointer(pointer);
    // The actual values along the path; stop where the path breaks (a value that is not an object or array).
    const values: unknown[] = [report];
    for (let i = 0; i < tokens.length; i++) {
      const cur = values[i];
      if (cur === null || typeof cur !== 'object') break;
      values.push(getAt(cur, [tokens[i]!]));
    }
    if (shallow && values.length === tokens.length + 1) {
      const leaf = values[tokens.length];
      if (Array.isArray(leaf)) values[tokens.length] = [];
      else if (isPlainObject(leaf)) values[tokens.length] = {};
    }
    const leafInspection = values.length === tokens.length + 1 && values[tokens.length] !== undefined ? inspectInput(values[tokens.length]) : undefined;
    const inputProblems: Problem[] = (leafInspection?.problems ?? []).map((p) => ({ ...p, instancePath: pointer + p.instancePath, severity: 'error' as const }));
    if (inputProblems.some((p) => p.instancePath === pointer)) return inputProblems;
    // Build the probe from the deepest value reached upwards.
    const depth = values.length - 1;
    let probe: unknown = leafInspection ? leafInspection.value : values[depth];
    const probeTokens = tokens.slice(0, depth);
    for (let i = depth - 1; i >= 0; i--) {
      const parent = values[i];
      const t = tokens[i]!;
      if (Array.isArray(parent)) {
        probe = probe === undefined ? [] : [probe];
        probeTokens[i] = '0';
      } else {
        const o: Record<string, unknown> = {};
        if (probe !== undefined) Object.defineProperty(o, t, { value: probe, enumerable: true, writable: true, configurable: true });
        probe = o;
      }
    }
    if (probe === undefined) return inputProblems;
    const probePointer = probeTokens.map((t) => '/' + escapeToken(t)).join('');
    const realPrefix = tokens.slice(0, depth).map((t) => '/' + escapeToken(t)).join('');
    const found = runSchema(validators.root, probe, '');
    const out = [...inputProblems];
    for (const e of found) {
      if (!within(e.instancePath, probePointer)) continue;
      const real = realPrefix + e.instancePath.slice(probePointer.length);
      if (!within(real, pointer)) continue;
      if (inputProblems.some((c) => within(real, c.instancePath))) continue;
      out.push({ ...e, instancePath: real });
    }
    return out;
  };

  /**
   * Whether a change at `template` can change the rule's outcome: it is (or
   * holds, or lies in) a value the rule reads; for an iterated table, the
   * table, a row (added, removed), or a cell of a column the rule reads.
   */
  const targets = new Map<RuleData, string>();
  for (const r of data.rules) {
    try {
      targets.set(r, templateOf(r.node + (r.perRow ? '/*' : '') + r.target));
    } catch {
      targets.set(r, r.node);
    }
  }
  const touches = (rule: RuleData, template: string): boolean => {
    if (targets.get(rule) === template) return true;
    for (const r of rule.reads) {
      if (within(r, template) || within(template, r)) return true;
    }
    for (const a of rule.arrayReads) {
      if (within(a.t, template) || template === `${a.t}/*`) return true;
      for (const i of a.items) if (within(i, template) || within(template, i)) return true;
    }
    return false;
  };

  const validateField = (report: unknown, pointer: string, options?: ValidateOptions): FieldValidationResult => {
    try {
      parsePointer(pointer);
    } catch (error) {
      return { ...internal(options, error), scope: { pointer, rules: [] } };
    }
    if (pointer === '') return { ...validate(report, options), scope: { pointer, rules: data.rules.map((r) => r.id) } };
    try {
      const template = templateOf(pointer);
      const schemaProblems = fieldSchemaProblems(report, pointer);
      const problems = [...schemaProblems];
      const ruleIds: string[] = [];
      if (isPlainObject(report)) {
        for (const n of naNodes) if (within(n.t, pointer)) fieldStateProblems(report, n, problems);
        for (const n of evidenceNodes) if (!n.na && within(n.t, pointer)) fieldStateProblems(report, n, problems);
        for (const map of ['/notApplicable', '/evidence']) {
          if (!within(pointer, map) && !within(map, pointer)) continue;
          const found: Problem[] = [];
          naEntryProblems(report, found);
          problems.push(...found.filter((e) => within(e.instancePath, pointer)));
        }
        const cache = new Map<string, Set<string>>();
        const invalid = (p: string) => {
          let s = cache.get(p);
          if (!s) {
            // Inside the field just validated its problems are known; elsewhere only the value itself is checked (a table as an empty table).
            s = invalidSet(within(p, pointer) ? schemaProblems.filter((e) => e.instancePath === p) : fieldSchemaProblems(report, p, true));
            cache.set(p, s);
          }
          return s.has(p);
        };
        const ctx: RuleContext = { na: mapOf(report, 'notApplicable'), invalid, hot: undefined };
        for (const rule of data.rules) {
          if (!touches(rule, template)) continue;
          ruleIds.push(rule.id);
          let onlyRow: number | undefined;
          if (rule.perRow && within(pointer, rule.node) && pointer !== rule.node) {
            const t = parsePointer(pointer.slice(rule.node.length))[0]!;
            onlyRow = Number(t);
          }
          runRuleAt(rule, report, ctx, problems, onlyRow);
        }
      }
      return { ...finish(problems, options), scope: { pointer, rules: ruleIds } };
    } catch (error) {
      return { ...internal(options, error), scope: { pointer, rules: [] } };
    }
  };

  return {
    info: data.info,
    id: data.id,
    data,
    validate,
    validateField,
    validateRow: (report, tablePointer, index, options) => validateField(report, `${tablePointer}/${index}`, options),
    message: (p, lang) => message(p, lang),
  };
}

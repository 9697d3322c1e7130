/**
 * The declarative migration engine: carries the answers of a report made for
 * one version of a form into the next version, following a `migration.json`
 * (see `docs/migrations.md`). Pure — no Node APIs, no `eval` — so a web form
 * or another back end can run the same migration.
 *
 * Every value of the source report ends up in exactly one of two places: the
 * migrated report, or the `unmapped` list with the reason it could not be
 * carried. Nothing is dropped silently.
 * @module
 */
import { evaluateLogic, escapeToken, getAt, logicVars, parsePointer, setAt, toPointer, walkFields } from '@bieumau/core';
import type { FieldNode, FormModel, Lang, Logic, ReportError } from '@bieumau/core';
import { msg } from './messages.js';

/** Move (or rename) every value under `from` to `to`, optionally mapping values. */
export interface MoveOperation {
  op: 'move' | 'rename';
  /** Pointer template in the source version; `*` stands for a table row. A section or table moves with everything under it. */
  from: string;
  /** Pointer template in the target version, with as many `*` as `from`. */
  to: string;
  /** Optional value map applied on the way (keys are `String(value)`). */
  values?: Record<string, unknown>;
  /** Source variants the operation applies to (default: all). */
  variants?: string[];
  note?: string;
}

/** Map the values of a field in place (or on the way to `to`). Values absent from the map are listed as unmapped. */
export interface MapOperation {
  op: 'map';
  path: string;
  to?: string;
  values: Record<string, unknown>;
  variants?: string[];
  note?: string;
}

/** One source field computed into several target fields; each expression reads `{ "var": "value" }`. */
export interface SplitOperation {
  op: 'split';
  from: string;
  to: Record<string, Logic>;
  variants?: string[];
  note?: string;
}

/** Several source fields computed into one target field; the expression reads each source by its name. */
export interface MergeOperation {
  op: 'merge';
  from: Record<string, string>;
  to: string;
  value: Logic;
  variants?: string[];
  note?: string;
}

/** Values the new version has no place for: listed as unmapped with the reason given, never silently lost. */
export interface DropOperation {
  op: 'drop';
  path: string;
  reason: string;
  reasonEn?: string;
  variants?: string[];
}

/** A constant written into the target (in every row for a `*` template); runs after the carried answers. */
export interface SetOperation {
  op: 'set';
  path: string;
  value: unknown;
  /** Only where the target is still blank. */
  ifBlank?: boolean;
  variants?: string[];
  note?: string;
}

/** One step of a migration. */
export type MigrationOperation = MoveOperation | MapOperation | SplitOperation | MergeOperation | DropOperation | SetOperation;

/** A `migration.json`: how reports of `from` become reports of `to`. */
export interface Migration {
  $schema?: string;
  form: string;
  from: string;
  to: string;
  description?: string;
  /** Source variant → target variant; a variant not listed keeps its name. */
  variants?: Record<string, string>;
  operations: MigrationOperation[];
}

/** Why a value could not be carried. */
export type UnmappedCode =
  | 'dropped'
  | 'noTarget'
  | 'incompatible'
  | 'valueNotMapped'
  | 'conflict'
  | 'unknownField'
  | 'computedEmpty'
  | 'notApplicableNotAllowed'
  | 'evidenceNotAllowed';

/** A value of the source report that is not in the migrated report. */
export interface UnmappedValue {
  /** JSON Pointer of the value in the source report. */
  pointer: string;
  value: unknown;
  code: UnmappedCode;
  /** Human-readable reason in the requested language. */
  reason: string;
  /** Where the engine tried to put it, when it tried. */
  target?: string;
}

/** The outcome of {@link migrateReport}. */
export interface MigrationOutcome {
  report: Record<string, unknown>;
  unmapped: UnmappedValue[];
}

const INDEX = /^(0|[1-9]\d*)$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function own(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** A scalar value of a report with its place. */
interface Leaf {
  pointer: string;
  tokens: string[];
  value: unknown;
}

const LEAF_KINDS_EXCLUDED = new Set(['section', 'table']);

/**
 * Splits a report into its field values (scalars, multiple choices and
 * ratios, table cells included) and the values the definition does not know.
 */
export function collectValues(report: unknown, model: FormModel): { leaves: Leaf[]; unknown: Leaf[] } {
  const leaves: Leaf[] = [];
  const unknown: Leaf[] = [];
  const reserved = new Set(['definition', 'notApplicable', 'evidence']);
  const visitSection = (obj: unknown, nodes: FieldNode[], tokens: string[]) => {
    if (!isPlainObject(obj)) {
      unknown.push({ pointer: toPointer(tokens), tokens, value: obj });
      return;
    }
    const byKey = new Map(nodes.map((n) => [n.key, n]));
    for (const key of Object.keys(obj)) {
      const t = [...tokens, key];
      if (tokens.length === 0 && reserved.has(key)) continue;
      const node = own(obj, key) ? byKey.get(key) : undefined;
      const value = obj[key];
      if (value === undefined) continue;
      if (!node) unknown.push({ pointer: toPointer(t), tokens: t, value });
      else visitNode(value, node, t);
    }
  };
  const visitNode = (value: unknown, node: FieldNode, tokens: string[]) => {
    if (node.kind === 'section') visitSection(value, node.children ?? [], tokens);
    else if (node.kind === 'table') {
      if (!Array.isArray(value)) {
        unknown.push({ pointer: toPointer(tokens), tokens, value });
        return;
      }
      value.forEach((row, i) => visitSection(row, node.columns ?? [], [...tokens, String(i)]));
    } else if (value !== null && value !== '') leaves.push({ pointer: toPointer(tokens), tokens, value });
  };
  visitSection(report, model.sections, []);
  return { leaves, unknown };
}

/** Matches pointer tokens against a template prefix; `*` captures a row index. */
function matchTemplate(template: readonly string[], tokens: readonly string[]): { captures: string[]; rest: string[] } | undefined {
  if (tokens.length < template.length) return undefined;
  const captures: string[] = [];
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    if (t === '*') {
      if (!INDEX.test(tokens[i]!) && tokens[i] !== '*') return undefined;
      captures.push(tokens[i]!);
    } else if (t !== tokens[i]) return undefined;
  }
  return { captures, rest: tokens.slice(template.length) };
}

function fillTemplate(template: readonly string[], captures: readonly string[], rest: readonly string[] = []): string[] {
  let i = 0;
  return [...template.map((t) => (t === '*' ? (captures[i++] ?? '0') : t)), ...rest];
}

function templateTokens(pointer: string): string[] {
  return parsePointer(pointer);
}

/** The template of a pointer: row indices become `*`. */
function toTemplate(tokens: readonly string[]): string {
  return toPointer(tokens.map((t) => (INDEX.test(t) ? '*' : t)));
}

function applies(op: { variants?: string[] }, variant: string): boolean {
  return !op.variants || op.variants.includes(variant);
}

/**
 * Where a field of the source version lands in the target version under a
 * migration: the first `move`/`rename`/`map` whose `from` covers it, else the
 * same template (identity). `undefined` when a `split`, `merge` or `drop`
 * consumes it. Works on templates (`/a/*\/b`) and on instance pointers.
 */
export function mapPointer(migration: Migration | undefined, pointer: string, variant?: string): string | undefined {
  const tokens = parsePointer(pointer);
  for (const op of migration?.operations ?? []) {
    if (variant !== undefined && !applies(op, variant)) continue;
    if (op.op === 'move' || op.op === 'rename' || op.op === 'map') {
      const from = op.op === 'map' ? op.path : op.from;
      const to = op.op === 'map' ? (op.to ?? op.path) : op.to;
      const m = matchTemplate(templateTokens(from), tokens);
      if (!m) continue;
      return toPointer(fillTemplate(templateTokens(to), m.captures, m.rest));
    }
    if (op.op === 'drop' || op.op === 'split') {
      const from = op.op === 'drop' ? op.path : op.from;
      if (matchTemplate(templateTokens(from), tokens)) return undefined;
    }
    if (op.op === 'merge') {
      for (const f of Object.values(op.from)) if (matchTemplate(templateTokens(f), tokens)) return undefined;
    }
  }
  return pointer;
}

function typeOk(value: unknown, type: string | undefined): boolean {
  switch (type) {
    case undefined: return true;
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'object': return isPlainObject(value);
    case 'array': return Array.isArray(value);
    default: return true;
  }
}

function schemaType(node: FieldNode): string | undefined {
  const t = node.schema.type;
  return Array.isArray(t) ? t.find((x) => x !== 'null') : t;
}

/** Whether a value has the shape a target field takes (type and options; ranges are left to validation). */
export function fitsField(value: unknown, node: FieldNode): boolean {
  if (LEAF_KINDS_EXCLUDED.has(node.kind)) return false;
  if (node.kind === 'multiChoice') {
    if (!Array.isArray(value)) return false;
    const opts = node.options?.map((o) => o.value);
    return !opts || value.every((v) => opts.includes(v as string | number));
  }
  if (node.kind === 'ratio') {
    const props = node.schema.properties ?? {};
    return isPlainObject(value) && Object.keys(value).every((k) => own(props, k) && typeof value[k] === 'number');
  }
  if (node.options && !node.options.some((o) => o.value === value)) return false;
  if (own(node.schema, 'const') && node.schema.const !== value) return false;
  return typeOk(value, schemaType(node));
}

function describe(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** Options of {@link migrateReport}. */
export interface MigrateOptions {
  migration: Migration;
  /** The model of the definition the report was made for. */
  source: FormModel;
  /** The model of the target definition (its variant is the report's variant after mapping). */
  target: FormModel;
  lang?: Lang;
}

/**
 * Migrates one report. The caller picks the target model (see
 * {@link targetVariant}); validation against it is the caller's (the CLI's
 * `migrate` runs the validator).
 */
export function migrateReport(report: unknown, options: MigrateOptions): MigrationOutcome {
  const { migration, source, target } = options;
  const lang = options.lang ?? 'vi';
  const variant = source.info.variant;
  const out: Record<string, unknown> = {
    definition: { form: target.info.form, version: target.info.version, variant: target.info.variant },
  };
  const unmapped: UnmappedValue[] = [];
  const written = new Set<string>();
  const { leaves, unknown } = collectValues(report, source);
  for (const u of unknown) {
    unmapped.push({ pointer: u.pointer, value: u.value, code: 'unknownField', reason: msg(lang, 'migrate.unknownField', { version: source.info.version }) });
  }
  const claimed = new Set<string>();
  const targetNode = (tokens: readonly string[]) => target.byTemplate.get(toTemplate(tokens));

  /** Writes one value into the output, or lists it as unmapped. */
  const write = (tokens: string[], value: unknown, from: Leaf | { pointer: string; value: unknown }): boolean => {
    const pointer = toPointer(tokens);
    const node = targetNode(tokens);
    if (!node || LEAF_KINDS_EXCLUDED.has(node.kind)) {
      unmapped.push({ pointer: from.pointer, value: from.value, code: 'noTarget', target: pointer, reason: msg(lang, 'migrate.noTarget', { target: pointer, version: target.info.version }) });
      return false;
    }
    if (!fitsField(value, node)) {
      unmapped.push({
        pointer: from.pointer, value: from.value, code: 'incompatible', target: pointer,
        reason: msg(lang, 'migrate.incompatible', { value: describe(value), target: pointer, kind: node.kind, options: node.options ? node.options.map((o) => JSON.stringify(o.value)).join(', ') : '' }),
      });
      return false;
    }
    if (written.has(pointer)) {
      unmapped.push({ pointer: from.pointer, value: from.value, code: 'conflict', target: pointer, reason: msg(lang, 'migrate.conflict', { target: pointer }) });
      return false;
    }
    written.add(pointer);
    setAt(out, pointer, value);
    return true;
  };

  const mapValue = (leaf: Leaf, values: Record<string, unknown>): { ok: true; value: unknown } | { ok: false } => {
    const lookup = (v: unknown) => (own(values, String(v)) ? { hit: true, value: values[String(v)] } : { hit: false, value: undefined });
    if (Array.isArray(leaf.value)) {
      const mapped: unknown[] = [];
      leaf.value.forEach((v, i) => {
        const r = lookup(v);
        if (r.hit) mapped.push(r.value);
        else unmapped.push({ pointer: `${leaf.pointer}/${i}`, value: v, code: 'valueNotMapped', reason: msg(lang, 'migrate.valueNotMapped', { value: describe(v) }) });
      });
      return { ok: true, value: [...new Set(mapped)] };
    }
    const r = lookup(leaf.value);
    if (!r.hit) {
      unmapped.push({ pointer: leaf.pointer, value: leaf.value, code: 'valueNotMapped', reason: msg(lang, 'migrate.valueNotMapped', { value: describe(leaf.value) }) });
      return { ok: false };
    }
    return { ok: true, value: r.value };
  };

  const blank = (v: unknown) => v === undefined || v === null || v === '' || (typeof v === 'number' && Number.isNaN(v));

  for (const op of migration.operations) {
    if (!applies(op, variant)) continue;
    switch (op.op) {
      case 'move':
      case 'rename':
      case 'map': {
        const from = templateTokens(op.op === 'map' ? op.path : op.from);
        const to = templateTokens(op.op === 'map' ? (op.to ?? op.path) : op.to);
        for (const leaf of leaves) {
          if (claimed.has(leaf.pointer)) continue;
          const m = matchTemplate(from, leaf.tokens);
          if (!m) continue;
          claimed.add(leaf.pointer);
          let value = leaf.value;
          if (op.values) {
            const r = mapValue(leaf, op.values);
            if (!r.ok) continue;
            value = r.value;
          }
          write(fillTemplate(to, m.captures, m.rest), value, leaf);
        }
        break;
      }
      case 'drop': {
        const path = templateTokens(op.path);
        const reason = lang === 'en' && op.reasonEn ? op.reasonEn : op.reason;
        for (const leaf of leaves) {
          if (claimed.has(leaf.pointer) || !matchTemplate(path, leaf.tokens)) continue;
          claimed.add(leaf.pointer);
          unmapped.push({ pointer: leaf.pointer, value: leaf.value, code: 'dropped', reason });
        }
        break;
      }
      case 'split': {
        const from = templateTokens(op.from);
        for (const leaf of leaves) {
          if (claimed.has(leaf.pointer)) continue;
          const m = matchTemplate(from, leaf.tokens);
          if (!m || m.rest.length) continue;
          claimed.add(leaf.pointer);
          let any = false;
          for (const [to, logic] of Object.entries(op.to)) {
            const v = evaluateLogic(logic, { value: leaf.value });
            if (blank(v)) continue;
            if (write(fillTemplate(templateTokens(to), m.captures), v, leaf)) any = true;
          }
          if (!any) unmapped.push({ pointer: leaf.pointer, value: leaf.value, code: 'computedEmpty', reason: msg(lang, 'migrate.computedEmpty', {}) });
        }
        break;
      }
      case 'merge': {
        // Group the matched values by their row captures, so a merge inside a table runs once per row.
        const groups = new Map<string, { captures: string[]; data: Record<string, unknown>; leaves: Leaf[] }>();
        for (const [name, tpl] of Object.entries(op.from)) {
          const from = templateTokens(tpl);
          for (const leaf of leaves) {
            if (claimed.has(leaf.pointer)) continue;
            const m = matchTemplate(from, leaf.tokens);
            if (!m || m.rest.length) continue;
            claimed.add(leaf.pointer);
            const key = m.captures.join('/');
            let g = groups.get(key);
            if (!g) groups.set(key, (g = { captures: m.captures, data: Object.create(null) as Record<string, unknown>, leaves: [] }));
            g.data[name] = leaf.value;
            g.leaves.push(leaf);
          }
        }
        for (const g of groups.values()) {
          const data: Record<string, unknown> = {};
          for (const name of Object.keys(op.from)) data[name] = own(g.data, name) ? g.data[name] : null;
          const v = evaluateLogic(op.value, data);
          const tokens = fillTemplate(templateTokens(op.to), g.captures);
          if (blank(v)) {
            for (const leaf of g.leaves) unmapped.push({ pointer: leaf.pointer, value: leaf.value, code: 'computedEmpty', reason: msg(lang, 'migrate.computedEmpty', {}) });
            continue;
          }
          const first = g.leaves[0]!;
          if (!write(tokens, v, { pointer: first.pointer, value: first.value })) {
            // `write` listed the first source; list the others too so none is lost.
            for (const leaf of g.leaves.slice(1)) unmapped.push({ pointer: leaf.pointer, value: leaf.value, code: 'incompatible', target: toPointer(tokens), reason: msg(lang, 'migrate.mergeFailed', { target: toPointer(tokens) }) });
          }
        }
        break;
      }
      case 'set':
        break;
    }
  }

  // Identity: every value not claimed by an operation stays where it is.
  for (const leaf of leaves) {
    if (claimed.has(leaf.pointer)) continue;
    write(leaf.tokens, leaf.value, leaf);
  }

  // Constants, after the carried answers.
  for (const op of migration.operations) {
    if (op.op !== 'set' || !applies(op, variant)) continue;
    const tokens = templateTokens(op.path);
    const star = tokens.indexOf('*');
    const targets: string[][] = [];
    if (star < 0) targets.push(tokens);
    else {
      const rows = getAt(out, tokens.slice(0, star));
      if (Array.isArray(rows)) rows.forEach((row, i) => row && targets.push(fillTemplate(tokens, [String(i)])));
    }
    for (const t of targets) {
      const pointer = toPointer(t);
      if (op.ifBlank && written.has(pointer)) continue;
      written.delete(pointer);
      write(t, op.value, { pointer: op.path, value: op.value });
    }
  }

  // The two pointer-keyed maps follow their fields.
  const carryMap = (name: 'notApplicable' | 'evidence') => {
    const map = getAt(report, `/${name}`);
    if (map === undefined) return;
    if (!isPlainObject(map)) {
      unmapped.push({ pointer: `/${name}`, value: map, code: 'unknownField', reason: msg(lang, 'migrate.unknownField', { version: source.info.version }) });
      return;
    }
    const carried: Record<string, unknown> = {};
    for (const key of Object.keys(map)) {
      const at = `/${name}/${escapeToken(key)}`;
      const value = map[key];
      let tokens: string[];
      try {
        tokens = parsePointer(key);
      } catch {
        unmapped.push({ pointer: at, value, code: 'unknownField', reason: msg(lang, 'migrate.unknownField', { version: source.info.version }) });
        continue;
      }
      if (!source.byTemplate.has(toTemplate(tokens))) {
        unmapped.push({ pointer: at, value, code: 'unknownField', reason: msg(lang, 'migrate.unknownField', { version: source.info.version }) });
        continue;
      }
      const mapped = mapPointer(migration, key, variant);
      const node = mapped === undefined ? undefined : target.byTemplate.get(toTemplate(parsePointer(mapped)));
      const allowed = node && (name === 'notApplicable' ? node.notApplicable : node.evidence !== undefined);
      if (mapped === undefined || !allowed) {
        unmapped.push({
          pointer: at, value, code: name === 'notApplicable' ? 'notApplicableNotAllowed' : 'evidenceNotAllowed',
          ...(mapped !== undefined ? { target: mapped } : {}),
          reason: msg(lang, name === 'notApplicable' ? 'migrate.notApplicableNotAllowed' : 'migrate.evidenceNotAllowed', { target: mapped ?? key, version: target.info.version }),
        });
        continue;
      }
      carried[mapped] = value;
    }
    if (Object.keys(carried).length) out[name] = carried;
  };
  carryMap('notApplicable');
  carryMap('evidence');

  // List what was left behind in the order of the source report (array sort is stable).
  const seq = new Map<string, number>();
  [...leaves, ...unknown].forEach((l) => seq.set(l.pointer, seq.size));
  const order = (p: string) => {
    for (let q = p; q; q = q.slice(0, q.lastIndexOf('/'))) {
      const i = seq.get(q);
      if (i !== undefined) return i;
    }
    return Number.MAX_SAFE_INTEGER;
  };
  unmapped.sort((a, b) => order(a.pointer) - order(b.pointer));

  return { report: orderLike(out, target), unmapped };
}

/** Rebuilds a report with its keys in form order and its table rows compacted (no holes). */
export function orderLike(report: Record<string, unknown>, model: FormModel): Record<string, unknown> {
  const section = (obj: unknown, nodes: FieldNode[]): unknown => {
    if (!isPlainObject(obj)) return obj;
    const res: Record<string, unknown> = {};
    for (const n of nodes) {
      if (!own(obj, n.key) || obj[n.key] === undefined) continue;
      const v = node(obj[n.key], n);
      if (v !== undefined) res[n.key] = v;
    }
    return Object.keys(res).length ? res : undefined;
  };
  const node = (v: unknown, n: FieldNode): unknown => {
    if (n.kind === 'section') return section(v, n.children ?? []);
    if (n.kind === 'table') {
      if (!Array.isArray(v)) return v;
      const rows = v.filter((r) => r !== undefined && r !== null).map((r) => section(r, n.columns ?? []) ?? {});
      return rows.length ? rows : undefined;
    }
    return v;
  };
  const res: Record<string, unknown> = { definition: report.definition };
  for (const s of model.sections) {
    if (!own(report, s.key)) continue;
    const v = node(report[s.key], s);
    if (v !== undefined) res[s.key] = v;
  }
  for (const k of ['notApplicable', 'evidence']) if (own(report, k)) res[k] = report[k];
  return res;
}

/** The target variant of a source variant under a migration. */
export function targetVariant(migration: Migration, variant: string): string {
  return migration.variants && own(migration.variants, variant) ? migration.variants[variant]! : variant;
}

const OPS = new Set(['move', 'rename', 'map', 'split', 'merge', 'drop', 'set']);

function problem(instancePath: string, keyword: string, message: string, params: Record<string, unknown> = {}): ReportError {
  return { instancePath, keyword, params, severity: 'error', message };
}

/**
 * Checks a migration document's shape and, when models are given, that every
 * `from` names a field of the source version and every `to` a field of the
 * target version. Returns located problems (`instancePath` inside the
 * migration file); an empty list means the migration can run.
 */
export function checkMigration(doc: unknown, models?: { source?: FormModel; target?: FormModel }): { ok: boolean; migration?: Migration; errors: ReportError[] } {
  const errors: ReportError[] = [];
  if (!isPlainObject(doc)) return { ok: false, errors: [problem('', 'type', `Expected a migration object, found ${Array.isArray(doc) ? 'array' : typeof doc}`)] };
  for (const k of ['form', 'from', 'to'] as const) {
    if (typeof doc[k] !== 'string') errors.push(problem(`/${k}`, 'required', `Expected "${k}" to be a string, found ${describe(doc[k])}`));
  }
  if (doc.variants !== undefined && (!isPlainObject(doc.variants) || Object.values(doc.variants).some((v) => typeof v !== 'string'))) {
    errors.push(problem('/variants', 'type', 'Expected "variants" to map source variant names to target variant names'));
  }
  if (!Array.isArray(doc.operations)) {
    errors.push(problem('/operations', 'required', `Expected "operations" to be an array, found ${describe(doc.operations)}`));
    return { ok: false, errors };
  }
  const pointerOk = (at: string, p: unknown, model: FormModel | undefined, side: 'source' | 'target', exact: boolean): string[] | undefined => {
    if (typeof p !== 'string') {
      errors.push(problem(at, 'type', `Expected a pointer template, found ${describe(p)}`));
      return undefined;
    }
    let tokens: string[];
    try {
      tokens = parsePointer(p);
    } catch (e) {
      errors.push(problem(at, 'format', (e as Error).message));
      return undefined;
    }
    if (tokens.length === 0 || tokens.some((t) => t === '__proto__' || t === 'constructor' || t === 'prototype')) {
      errors.push(problem(at, 'format', `Expected a pointer to a field, found ${JSON.stringify(p)}`));
      return undefined;
    }
    if (model) {
      const node = model.byTemplate.get(toPointer(tokens));
      if (!node) errors.push(problem(at, 'bmUnknownField', `${JSON.stringify(p)} is not a field of ${model.info.form}@${model.info.version}/${model.info.variant} (${side})`, { pointer: p, side }));
      else if (exact && LEAF_KINDS_EXCLUDED.has(node.kind)) errors.push(problem(at, 'bmNotAField', `Expected ${JSON.stringify(p)} to be a field, found a ${node.kind}`));
    }
    return tokens;
  };
  const stars = (t: string[] | undefined) => (t ? t.filter((x) => x === '*').length : 0);
  const logicOk = (at: string, l: unknown) => {
    const v = logicVars(l);
    for (const p of v.problems) errors.push(problem(at, 'bmLogic', p));
  };
  doc.operations.forEach((op: unknown, i: number) => {
    const at = `/operations/${i}`;
    if (!isPlainObject(op) || typeof op.op !== 'string' || !OPS.has(op.op)) {
      errors.push(problem(at, 'enum', `Expected an operation with "op" one of ${[...OPS].join(', ')}, found ${describe(isPlainObject(op) ? op.op : op)}`));
      return;
    }
    if (op.variants !== undefined && (!Array.isArray(op.variants) || op.variants.some((v) => typeof v !== 'string'))) {
      errors.push(problem(`${at}/variants`, 'type', 'Expected "variants" to be a list of variant names'));
    }
    const applicable = !models?.source || !Array.isArray(op.variants) || op.variants.includes(models.source.info.variant);
    const src = applicable ? models?.source : undefined;
    const tgt = applicable ? models?.target : undefined;
    const values = (v: unknown, required: boolean) => {
      if (v === undefined && !required) return;
      if (!isPlainObject(v)) errors.push(problem(`${at}/values`, 'type', `Expected "values" to map String(old value) to the new value, found ${describe(v)}`));
    };
    switch (op.op) {
      case 'move':
      case 'rename': {
        const f = pointerOk(`${at}/from`, op.from, src, 'source', false);
        const t = pointerOk(`${at}/to`, op.to, tgt, 'target', false);
        if (f && t && stars(f) !== stars(t)) errors.push(problem(`${at}/to`, 'bmRows', `Expected as many "*" in "to" as in "from" (${stars(f)}), found ${stars(t)}`));
        values(op.values, false);
        break;
      }
      case 'map': {
        const f = pointerOk(`${at}/path`, op.path, src, 'source', true);
        const t = pointerOk(`${at}/${op.to === undefined ? 'path' : 'to'}`, op.to ?? op.path, tgt, 'target', true);
        if (f && t && stars(f) !== stars(t)) errors.push(problem(`${at}/to`, 'bmRows', `Expected as many "*" in "to" as in "path"`));
        values(op.values, true);
        break;
      }
      case 'split': {
        const f = pointerOk(`${at}/from`, op.from, src, 'source', true);
        if (!isPlainObject(op.to) || !Object.keys(op.to).length) errors.push(problem(`${at}/to`, 'type', 'Expected "to" to map target pointers to JSON Logic expressions'));
        else for (const [p, l] of Object.entries(op.to)) {
          const t = pointerOk(`${at}/to/${escapeToken(p)}`, p, tgt, 'target', true);
          if (f && t && stars(f) !== stars(t)) errors.push(problem(`${at}/to/${escapeToken(p)}`, 'bmRows', 'Expected as many "*" as in "from"'));
          logicOk(`${at}/to/${escapeToken(p)}`, l);
        }
        break;
      }
      case 'merge': {
        const t = pointerOk(`${at}/to`, op.to, tgt, 'target', true);
        if (!isPlainObject(op.from) || !Object.keys(op.from).length) errors.push(problem(`${at}/from`, 'type', 'Expected "from" to map names to source pointers'));
        else for (const [name, p] of Object.entries(op.from)) {
          const f = pointerOk(`${at}/from/${escapeToken(name)}`, p, src, 'source', true);
          if (f && t && stars(f) !== stars(t)) errors.push(problem(`${at}/from/${escapeToken(name)}`, 'bmRows', 'Expected as many "*" as in "to"'));
        }
        if (op.value === undefined) errors.push(problem(`${at}/value`, 'required', 'Expected "value", a JSON Logic expression over the named sources'));
        else logicOk(`${at}/value`, op.value);
        break;
      }
      case 'drop':
        pointerOk(`${at}/path`, op.path, src, 'source', false);
        if (typeof op.reason !== 'string' || !op.reason.trim()) errors.push(problem(`${at}/reason`, 'required', 'Expected "reason": why the value has no place in the new version'));
        break;
      case 'set': {
        const t = pointerOk(`${at}/path`, op.path, tgt, 'target', true);
        if (t && stars(t) > 1) errors.push(problem(`${at}/path`, 'bmRows', 'Expected at most one "*"'));
        if (!own(op, 'value')) errors.push(problem(`${at}/value`, 'required', 'Expected "value"'));
        break;
      }
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, migration: doc as unknown as Migration, errors };
}

/** Every source field the migration leaves to the identity default, for documentation and the diff. */
export function identityFields(migration: Migration | undefined, source: FormModel): string[] {
  return [...walkFields(source)].filter((n) => !LEAF_KINDS_EXCLUDED.has(n.kind) && mapPointer(migration, n.template, source.info.variant) === n.template).map((n) => n.template);
}

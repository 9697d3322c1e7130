/**
 * Walks a definition into a form model: sections, fields and table columns in
 * form order, each with its pointer, kind, code, labels in vi/en, unit, value
 * states and options; and every cross-field rule with the node it applies to.
 * Views (validator messages, Excel, web form, docs) render from this model, so
 * no view needs to understand JSON Schema `$ref`s.
 * @module
 */
import type { Definition, SchemaLocation } from './definition.js';
import { DefinitionError } from './definition.js';
import type { Lang } from './errors.js';
import { escapeToken, parsePointer } from './pointer.js';
import type { FieldKind, FormInfo, HeaderGroup, Logic, Rule, SchemaObject } from './schema.js';
import { RESERVED_KEYS } from './schema.js';

/** A text in both languages (English falls back to Vietnamese where untranslated). */
export interface Texts {
  vi: string;
  en: string;
}

/** One option of a choice field. */
export interface OptionNode {
  value: string | number;
  label: Texts;
}

/** A header group of a table, labels resolved. */
export interface HeaderGroupNode {
  label: Texts;
  /** Column keys or nested groups, in order. */
  columns: (string | HeaderGroupNode)[];
}

/** A section, field, table or table column of a definition. */
export interface FieldNode {
  /** Property name. */
  key: string;
  /**
   * JSON Pointer of the value in a report. For table columns it is relative to
   * the row (`/name`); {@link FieldNode.template} gives the absolute form.
   */
  pointer: string;
  /** Absolute pointer with `*` for row indices, e.g. `/dvc/services/*\/name`. */
  template: string;
  kind: FieldKind;
  code?: string;
  label: Texts;
  help?: Texts;
  footnote?: Texts;
  unit?: Texts;
  /** Listed in the parent's `required`. */
  required: boolean;
  /** May be marked not applicable (with a reason). */
  notApplicable: boolean;
  /** Takes an evidence URL. */
  evidence?: 'required' | 'optional';
  /** Computed or otherwise not editable. */
  readOnly: boolean;
  /** JSON Logic computing a read-only value, evaluated against the parent object. */
  compute?: Logic;
  /** Choice options with labels. */
  options?: OptionNode[];
  /** The effective schema at this node (`$ref` followed and merged with its siblings). */
  schema: SchemaObject;
  /** Where the node's own schema is (catalogue keys are built from it). */
  location: SchemaLocation;
  /** Sections: fields and sub-sections in order. */
  children?: FieldNode[];
  /** Tables: the columns in order. */
  columns?: FieldNode[];
  /** Tables: multi-level header groups. */
  headerGroups?: HeaderGroupNode[];
  /** Tables: the row schema (effective). */
  rowSchema?: SchemaObject;
}

/** A cross-field rule and where it applies. */
export interface RuleNode {
  rule: Rule;
  /** Pointer of the object the rule is evaluated against; for row rules, the table. */
  node: string;
  /** Evaluated once per row of the table at {@link RuleNode.node}. */
  perRow: boolean;
  /** Location of the rule object in the definition. */
  location: SchemaLocation;
  message: Texts;
}

/** The walked definition. */
export interface FormModel {
  definition: Definition;
  info: FormInfo;
  title: Texts;
  /** Top-level sections in form order (reserved keys excluded). */
  sections: FieldNode[];
  /** Every rule of the definition. */
  rules: RuleNode[];
  /** Every node by template pointer (`/a/b`, `/a/table/*\/col`). */
  byTemplate: ReadonlyMap<string, FieldNode>;
}

interface Chain {
  schema: SchemaObject;
  location: SchemaLocation;
}

const MAX_REF_DEPTH = 32;

function child(location: SchemaLocation, ...tokens: string[]): SchemaLocation {
  return { resource: location.resource, pointer: location.pointer + tokens.map((t) => '/' + escapeToken(t)).join('') };
}

/** Follows `$ref`s from a schema; returns the chain outermost first. */
function chainOf(def: Definition, schema: SchemaObject, location: SchemaLocation): Chain[] {
  const chain: Chain[] = [{ schema, location }];
  let cur = chain[0]!;
  const seen = new Set<string>();
  while (typeof cur.schema.$ref === 'string') {
    const key = `${cur.location.resource}#${cur.location.pointer}`;
    if (seen.has(key) || chain.length > MAX_REF_DEPTH) throw new DefinitionError('Circular $ref', key);
    seen.add(key);
    cur = def.resolveRef(cur.schema.$ref, cur.location);
    chain.push(cur);
  }
  return chain;
}

function effective(chain: Chain[]): SchemaObject {
  const merged: SchemaObject = {};
  for (let i = chain.length - 1; i >= 0; i--) Object.assign(merged, chain[i]!.schema);
  delete merged.$ref;
  return merged;
}

/** The outermost node of the chain that carries `keyword` (a `$ref`'s siblings win). */
function holder(chain: Chain[], keyword: string): Chain | undefined {
  return chain.find((c) => Object.prototype.hasOwnProperty.call(c.schema, keyword));
}

function texts(def: Definition, chain: Chain[], path: string): Texts | undefined {
  const first = path.split('/')[0]!;
  const h = holder(chain, first);
  if (!h) return undefined;
  const vi = def.text(h.location, path, 'vi');
  if (vi === undefined) return undefined;
  return { vi, en: def.text(h.location, path, 'en') ?? vi };
}

function typeOf(s: SchemaObject): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

function inferKind(def: Definition, s: SchemaObject, location: SchemaLocation): FieldKind {
  if (s.bmKind) return s.bmKind;
  const t = typeOf(s);
  if (t === 'object' || (t === undefined && s.properties)) return 'section';
  if (t === 'array') {
    if (!s.items) return 'multiChoice';
    const items = effective(chainOf(def, s.items, child(location, 'items')));
    return typeOf(items) === 'object' || items.properties ? 'table' : 'multiChoice';
  }
  if (s.enum) return 'choice';
  if (t === 'boolean') return 'boolean';
  if (t === 'integer') return 'integer';
  if (t === 'number') return 'decimal';
  if (s.format === 'date') return 'date';
  if (s.format === 'email') return 'email';
  if (s.format === 'uri') return 'url';
  return 'text';
}

function options(def: Definition, chain: Chain[], s: SchemaObject): OptionNode[] | undefined {
  if (!Array.isArray(s.enum)) return undefined;
  return s.enum
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map((value) => ({ value, label: texts(def, chain, `bmOptionTitles/${String(value)}`) ?? { vi: String(value), en: String(value) } }));
}

function headerGroups(def: Definition, chain: Chain[], groups: HeaderGroup[] | undefined): HeaderGroupNode[] | undefined {
  if (!Array.isArray(groups)) return undefined;
  const h = holder(chain, 'bmHeaderGroups')!;
  const walk = (g: HeaderGroup, path: string): HeaderGroupNode => {
    const vi = def.text(h.location, `${path}/title`, 'vi') ?? '';
    return {
      label: { vi, en: def.text(h.location, `${path}/title`, 'en') ?? vi },
      columns: (g.columns ?? []).map((c, j) => (typeof c === 'string' ? c : walk(c, `${path}/columns/${j}`))),
    };
  };
  return groups.map((g, i) => walk(g, `bmHeaderGroups/${i}`));
}

/**
 * Walks a definition into a {@link FormModel}. Throws {@link DefinitionError}
 * on unresolvable or circular `$ref`s.
 */
export function buildModel(def: Definition): FormModel {
  const byTemplate = new Map<string, FieldNode>();
  const rules: RuleNode[] = [];

  const collectRules = (chain: Chain[], node: string, perRow: boolean) => {
    for (const c of chain) {
      const list = c.schema.bmRules;
      if (!Array.isArray(list)) continue;
      list.forEach((rule, i) => {
        const location = child(c.location, 'bmRules', String(i));
        const vi = typeof rule.message === 'string' ? rule.message : rule.id;
        rules.push({ rule, node, perRow, location, message: { vi, en: def.text(location, 'message', 'en') ?? vi } });
      });
    }
  };

  const visit = (key: string, schema: SchemaObject, location: SchemaLocation, pointer: string, template: string, required: boolean): FieldNode => {
    const chain = chainOf(def, schema, location);
    const s = effective(chain);
    const kind = inferKind(def, s, location);
    const label = texts(def, chain, 'title') ?? { vi: key, en: key };
    const node: FieldNode = {
      key,
      pointer,
      template,
      kind,
      label,
      required,
      notApplicable: s.bmNotApplicable === true,
      readOnly: s.readOnly === true || s.bmCompute !== undefined,
      schema: s,
      location,
    };
    if (typeof s.bmCode === 'string') node.code = s.bmCode;
    const help = texts(def, chain, 'description');
    if (help) node.help = help;
    const footnote = texts(def, chain, 'bmFootnote');
    if (footnote) node.footnote = footnote;
    if (typeof s.bmUnit === 'string') node.unit = { vi: s.bmUnit, en: def.unit(s.bmUnit, 'en') };
    if (s.bmEvidence === 'required' || s.bmEvidence === 'optional') node.evidence = s.bmEvidence;
    if (s.bmCompute !== undefined) node.compute = s.bmCompute;
    byTemplate.set(template, node);

    if (kind === 'section' && s.properties) {
      const req = new Set(s.required ?? []);
      const last = chain[chain.length - 1]!;
      node.children = Object.entries(s.properties).map(([k, sub]) =>
        visit(k, sub, child(holder(chain, 'properties')?.location ?? last.location, 'properties', k), `${pointer}/${k}`, `${template}/${k}`, req.has(k)),
      );
      collectRules(chain, pointer, false);
    } else if (kind === 'table' && s.items) {
      const itemsHolder = holder(chain, 'items')!;
      const itemsLoc = child(itemsHolder.location, 'items');
      const itemsChain = chainOf(def, s.items, itemsLoc);
      const row = effective(itemsChain);
      node.rowSchema = row;
      const req = new Set(row.required ?? []);
      const propsLoc = holder(itemsChain, 'properties')?.location ?? itemsLoc;
      node.columns = Object.entries(row.properties ?? {}).map(([k, sub]) =>
        visit(k, sub, child(propsLoc, 'properties', k), `/${k}`, `${template}/*/${k}`, req.has(k)),
      );
      const groups = headerGroups(def, chain, s.bmHeaderGroups);
      if (groups) node.headerGroups = groups;
      collectRules(itemsChain, pointer, true);
    } else if (kind === 'multiChoice' && s.items) {
      // Option titles may sit next to `enum` in `items`, or on the array itself.
      const itemsChain = chainOf(def, s.items, child(holder(chain, 'items')!.location, 'items'));
      const items = effective(itemsChain);
      const titled = items.bmOptionTitles ? itemsChain : chain;
      const opts = options(def, titled, { ...items, bmOptionTitles: items.bmOptionTitles ?? s.bmOptionTitles });
      if (opts) node.options = opts;
      // An item of a multiple choice (`/x/channels/1`) is reported against the field.
      byTemplate.set(`${template}/*`, node);
    } else {
      const opts = options(def, chain, s);
      if (opts) node.options = opts;
    }
    return node;
  };

  const rootLoc: SchemaLocation = { resource: def.id, pointer: '' };
  const rootChain = chainOf(def, def.root, rootLoc);
  const root = effective(rootChain);
  const reserved = new Set<string>(RESERVED_KEYS);
  const req = new Set(root.required ?? []);
  const sections = Object.entries(root.properties ?? {})
    .filter(([k]) => !reserved.has(k))
    .map(([k, sub]) => visit(k, sub, child(rootLoc, 'properties', k), `/${k}`, `/${k}`, req.has(k)));
  collectRules(rootChain, '', false);
  const titleVi = def.text(rootLoc, 'title', 'vi') ?? def.info.form;
  return {
    definition: def,
    info: def.info,
    title: { vi: titleVi, en: def.text(rootLoc, 'title', 'en') ?? titleVi },
    sections,
    rules,
    byTemplate,
  };
}

/** Turns an instance pointer into its template: array indices become `*`. */
export function templateOf(pointer: string): string {
  return parsePointer(pointer)
    .map((t) => (/^(0|[1-9]\d*)$/.test(t) ? '*' : escapeToken(t)))
    .map((t) => '/' + t)
    .join('');
}

/** The field, column, table or section at an instance pointer, if any. */
export function findField(model: FormModel, pointer: string): FieldNode | undefined {
  return model.byTemplate.get(templateOf(pointer));
}

/** Every node in form order (depth first), sections and tables included. */
export function* walkFields(model: FormModel): Generator<FieldNode> {
  function* rec(nodes: FieldNode[]): Generator<FieldNode> {
    for (const n of nodes) {
      yield n;
      if (n.children) yield* rec(n.children);
      if (n.columns) yield* rec(n.columns);
    }
  }
  yield* rec(model.sections);
}

/** `Mục 6.1 – Tổng số cán bộ chuyên trách CNTT` style reference to a field. */
export function fieldReference(node: FieldNode | undefined, lang: Lang): string {
  if (!node) return '';
  const label = node.label[lang];
  if (!node.code) return label;
  return `${lang === 'vi' ? 'Mục' : 'Item'} ${node.code} – ${label}`;
}

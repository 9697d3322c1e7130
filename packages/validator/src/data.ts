/**
 * What the validator needs from a definition besides the compiled schema:
 * labels and codes for messages, rules with the nodes they apply to, which
 * fields take a not-applicable mark or an evidence link. Plain
 * JSON, so a precompiled module embeds exactly what the runtime path uses —
 * both paths run the same engine on the same data, which is why they agree.
 * @module
 */
import type { Definition, FieldNode, FormInfo, FormModel, Logic, SchemaLocation, SchemaObject, Texts } from '@bieumau/core';
import { buildModel, dottedToPointer } from '@bieumau/core';
import { defaultRequires, ruleReads } from './rule-reads.js';

export { defaultRequires };

/** One node of the form, as messages and value-state checks need it. */
export interface NodeData {
  /** Template pointer (`/a/b`, `/a/table/*\/col`). */
  t: string;
  kind: string;
  label: Texts;
  code?: string;
  options?: { value: string | number; label: Texts }[];
  /** May be marked not applicable. */
  na?: true;
  evidence?: 'required' | 'optional';
}

/** One cross-field rule, ready to evaluate. */
export interface RuleData {
  id: string;
  severity: 'error' | 'warning';
  /** Pointer of the node the rule is written on (the table for row rules). */
  node: string;
  perRow: boolean;
  when?: Logic;
  assert: Logic;
  /** Relative pointers (from the dotted `requires`, or the default list) that must be provided. */
  requires: string[];
  /** Relative pointer of the node the error is attached to. */
  target: string;
  params?: Record<string, Logic>;
  message: Texts;
  /** `<$id>#<pointer>` of the rule. */
  schemaPath: string;
  /** Absolute templates of the values the rule reads (incremental validation finds the rules a field touches with them). */
  reads: string[];
  /**
   * Arrays the rule iterates (`filter`, `reduce`, …) and the element fields
   * it reads: a change to another column of the table does not touch it.
   */
  arrayReads: { t: string; items: string[] }[];
}

/** Everything the engine needs, as JSON. */
export interface ValidatorData {
  info: FormInfo;
  /** `$id` of the root schema. */
  id: string;
  title: Texts;
  nodes: NodeData[];
  rules: RuleData[];
  /** Titles of the reserved root maps (`notApplicable`, `evidence`), for messages about their entries. */
  reserved: Record<string, Texts>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `<$id>#<pointer>` of a location. */
export function locationRef(l: SchemaLocation): string {
  return `${l.resource}#${l.pointer}`;
}

/** Follows `$ref`s from a location until a schema carries `keyword`; returns that schema's location. */
export function holderOf(def: Definition, location: SchemaLocation, keyword: string): SchemaLocation | undefined {
  let loc = location;
  let schema = def.schemaAt(loc);
  for (let i = 0; schema && i < 32; i++) {
    if (Object.prototype.hasOwnProperty.call(schema, keyword)) return loc;
    if (typeof schema.$ref !== 'string') return undefined;
    const r = def.resolveRef(schema.$ref, loc);
    loc = r.location;
    schema = r.schema;
  }
  return undefined;
}

function nodeData(n: FieldNode): NodeData {
  const d: NodeData = { t: n.template, kind: n.kind, label: n.label };
  if (n.code !== undefined) d.code = n.code;
  if (n.options) d.options = n.options.map((o) => ({ value: o.value, label: o.label }));
  if (n.notApplicable) d.na = true;
  if (n.evidence) d.evidence = n.evidence;
  return d;
}

/**
 * Builds the {@link ValidatorData} of a definition from its model. Throws
 * `DefinitionError` (from core) when the definition cannot be walked.
 */
export function buildValidatorData(def: Definition, model: FormModel = buildModel(def)): ValidatorData {
  const nodes: NodeData[] = [];
  const visit = (n: FieldNode) => {
    nodes.push(nodeData(n));
    for (const c of n.children ?? []) visit(c);
    for (const c of n.columns ?? []) visit(c);
  };
  for (const s of model.sections) visit(s);

  const rules: RuleData[] = model.rules.map((rn) => {
    const r = rn.rule;
    const requires = (Array.isArray(r.requires) ? r.requires.map(String) : defaultRequires(r.when, r.assert)).map(dottedToPointer);
    const base = rn.perRow ? `${rn.node}/*` : rn.node;
    const d: RuleData = {
      id: r.id,
      severity: r.severity === 'warning' ? 'warning' : 'error',
      node: rn.node,
      perRow: rn.perRow,
      assert: r.assert,
      requires,
      target: typeof r.target === 'string' ? r.target : '',
      message: rn.message,
      schemaPath: locationRef(rn.location),
      ...ruleReads(base, [r.when, r.assert, ...Object.values(r.params ?? {})], requires),
    };
    if (r.when !== undefined) d.when = r.when;
    if (isObject(r.params)) d.params = r.params;
    return d;
  });

  const reserved: Record<string, Texts> = {};
  const rootProps = (def.root.properties ?? {}) as Record<string, SchemaObject>;
  for (const key of ['notApplicable', 'evidence']) {
    if (!rootProps[key]) continue;
    const loc = holderOf(def, { resource: def.id, pointer: `/properties/${key}` }, 'title');
    const vi = loc ? def.text(loc, 'title', 'vi') : undefined;
    reserved[key] = vi ? { vi, en: def.text(loc!, 'title', 'en') ?? vi } : { vi: key, en: key };
  }
  return { info: def.info, id: def.id, title: model.title, nodes, rules, reserved };
}

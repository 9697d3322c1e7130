/**
 * The form in which precompiled modules carry their {@link ValidatorData}:
 * the same information with what the runtime can recompute left out — node
 * templates as a tree (parent and last segment), English text only where it
 * differs from the Vietnamese, option lists shared, defaults omitted, a
 * rule's `reads` and `requires` derived from its expressions — so a page
 * downloads less per definition. {@link expandData} gives back data equal to
 * what `buildValidatorData` builds; {@link compactData} checks that it does
 * and keeps explicitly whatever would not come back the same.
 * @module
 */
import type { Logic, Texts } from '@bieumau/core';
import { dottedToPointer } from '@bieumau/core';
import type { NodeData, RuleData, ValidatorData } from './data.js';
import { defaultRequires, ruleReads } from './rule-reads.js';

/**
 * A node: parent index (-1 for none), the rest of its template after the
 * parent's and a `/`, kind, Vietnamese label, English label (`0`: the
 * same), code (`0`: none; starting with `.`: what follows the parent's
 * code), index of its option list (-1: none), flags (1 not applicable,
 * 2 evidence required, 4 evidence optional, 8 a code starting with `.` as
 * written). Trailing defaults are dropped.
 */
export type CompactNode = [number, string, string, string, (string | 0)?, (string | 0)?, number?, number?];

/** An option: value, Vietnamese label, English label (left out when the same). */
export type CompactOption = [string | number, string, string?];

/** A rule with short keys; absent keys take the value the runtime derives or the default. */
export interface CompactRule {
  i: string;
  /** 1: severity `warning`. */
  s?: 1;
  n: string;
  /** 1: a row rule. */
  p?: 1;
  w?: Logic;
  a: Logic;
  /** Requires, when not the default derived from `when` and `assert`. */
  q?: string[];
  g?: string;
  m?: Record<string, Logic>;
  /** Message: Vietnamese, English (`0`: the same). */
  x: [string, string | 0];
  /** Schema path relative to the folder of the root schema's `$id`, or absolute in `sa`; neither: the previous rule's, with its last index plus one. */
  sr?: string;
  sa?: string;
  /** Reads and array reads, when not what the runtime derives. */
  rd?: string[];
  ar?: RuleData['arrayReads'];
}

/** The compact form of {@link ValidatorData}. */
export interface CompactData {
  info: ValidatorData['info'];
  id: string;
  title: Texts;
  reserved: Record<string, Texts>;
  n: CompactNode[];
  /** Option lists, shared by the nodes that have the same one: `[value, vi, en]` (`en` left out when the same). */
  o: CompactOption[][];
  r: CompactRule[];
}

/** Values of the optional node fields that mean "none" (trailing ones are dropped). */
const NODE_DEFAULTS: readonly unknown[] = [undefined, undefined, undefined, undefined, 0, 0, -1, 0];

/** `…/bmRules/3` → `…/bmRules/4`: the schema path of the rule written after it. */
function nextRulePath(path: string | undefined): string | undefined {
  const m = path === undefined ? null : /\/(\d+)$/.exec(path);
  return m ? `${path!.slice(0, m.index)}/${Number(m[1]) + 1}` : undefined;
}

function folderOf(id: string): string {
  return id.slice(0, id.lastIndexOf('/') + 1);
}

function requiresOf(r: Pick<RuleData, 'when' | 'assert'>): string[] {
  return defaultRequires(r.when, r.assert).map(dottedToPointer);
}

function readsOf(r: Pick<RuleData, 'node' | 'perRow' | 'when' | 'assert' | 'params'>, requires: string[]): Pick<RuleData, 'reads' | 'arrayReads'> {
  return ruleReads(r.perRow ? `${r.node}/*` : r.node, [r.when, r.assert, ...Object.values(r.params ?? {})], requires);
}

/** Order-insensitive deep equality of JSON values. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Expands the data a precompiled module carries; see the module comment. */
export function expandData(c: CompactData): ValidatorData {
  const folder = folderOf(c.id);
  // Expanded once per list: the nodes that share a list share the array.
  const lists = c.o.map((list) => list.map(([value, vi, en]) => ({ value, label: { vi, en: en ?? vi } })));
  const nodes: NodeData[] = [];
  for (const [parent, rest, kind, vi, en, code, options, flags] of c.n) {
    const n: NodeData = { t: (parent < 0 ? '' : nodes[parent]!.t + '/') + rest, kind, label: { vi, en: en === undefined || en === 0 ? vi : en } };
    if (code !== undefined && code !== 0) {
      const up = parent < 0 ? undefined : nodes[parent]!.code;
      n.code = code.startsWith('.') && up !== undefined && !(flags && flags & 8) ? up + code : code;
    }
    if (options !== undefined && options >= 0) n.options = lists[options]!;
    if (flags && flags & 1) n.na = true;
    if (flags && flags & 6) n.evidence = flags & 2 ? 'required' : 'optional';
    nodes.push(n);
  }
  let previous: string | undefined;
  const rules = c.r.map((x): RuleData => {
    const r: RuleData = {
      id: x.i,
      severity: x.s ? 'warning' : 'error',
      node: x.n,
      perRow: x.p === 1,
      assert: x.a,
      requires: [],
      target: x.g ?? '',
      message: { vi: x.x[0], en: x.x[1] === 0 ? x.x[0] : x.x[1] },
      schemaPath: (previous = x.sa ?? (x.sr !== undefined ? folder + x.sr : (nextRulePath(previous) ?? folder))),
      reads: [],
      arrayReads: [],
    };
    if (x.w !== undefined) r.when = x.w;
    if (x.m !== undefined) r.params = x.m;
    r.requires = x.q ?? requiresOf(r);
    const derived = x.rd && x.ar ? undefined : readsOf(r, r.requires);
    r.reads = x.rd ?? derived!.reads;
    r.arrayReads = x.ar ?? derived!.arrayReads;
    return r;
  });
  return { info: c.info, id: c.id, title: c.title, nodes, rules, reserved: c.reserved };
}

/**
 * The compact form of validator data (build step). Throws if
 * {@link expandData} would not give back equal data, which would be a bug here.
 */
export function compactData(data: ValidatorData): CompactData {
  const folder = folderOf(data.id);
  const lists: NonNullable<NodeData['options']>[] = [];
  const listIndex = new Map<string, number>();
  const stack: number[] = [];
  const n = data.nodes.map((node, i): CompactNode => {
    while (stack.length && !node.t.startsWith(`${data.nodes[stack[stack.length - 1]!]!.t}/`)) stack.pop();
    const parent = stack.length ? stack[stack.length - 1]! : -1;
    stack.push(i);
    let options = -1;
    if (node.options) {
      const key = JSON.stringify(node.options);
      options = listIndex.get(key) ?? -1;
      if (options < 0) listIndex.set(key, (options = lists.push(node.options) - 1));
    }
    const up = parent < 0 ? undefined : data.nodes[parent]!.code;
    // `3.1.k.1` under `3.1.k` is `.1`; a code that itself starts with `.` under a coded parent is flagged as written.
    const literal = node.code !== undefined && up !== undefined && node.code.startsWith('.');
    const code = node.code === undefined ? 0 : !literal && up !== undefined && node.code.startsWith(up + '.') ? node.code.slice(up.length) : node.code;
    const flags = (node.na ? 1 : 0) | (node.evidence === 'required' ? 2 : node.evidence === 'optional' ? 4 : 0) | (literal ? 8 : 0);
    const out: CompactNode = [parent, node.t.slice(parent < 0 ? 0 : data.nodes[parent]!.t.length + 1), node.kind, node.label.vi, node.label.en === node.label.vi ? 0 : node.label.en, code, options, flags];
    while (out.length > 4 && out[out.length - 1] === NODE_DEFAULTS[out.length - 1]) out.pop();
    return out;
  });
  let previous: string | undefined;
  const r = data.rules.map((rule): CompactRule => {
    const x: CompactRule = { i: rule.id, n: rule.node, a: rule.assert, x: [rule.message.vi, rule.message.en === rule.message.vi ? 0 : rule.message.en] };
    if (rule.severity === 'warning') x.s = 1;
    if (rule.perRow) x.p = 1;
    if (rule.when !== undefined) x.w = rule.when;
    if (rule.target !== '') x.g = rule.target;
    if (rule.params !== undefined) x.m = rule.params;
    if (rule.schemaPath === nextRulePath(previous)) {
      // Left out: the rule after the previous one in the same list.
    } else if (rule.schemaPath.startsWith(folder)) x.sr = rule.schemaPath.slice(folder.length);
    else x.sa = rule.schemaPath;
    previous = rule.schemaPath;
    if (!same(requiresOf(rule), rule.requires)) x.q = rule.requires;
    const derived = readsOf(rule, rule.requires);
    if (!same(derived.reads, rule.reads) || !same(derived.arrayReads, rule.arrayReads)) {
      x.rd = rule.reads;
      x.ar = rule.arrayReads;
    }
    return x;
  });
  const o = lists.map((list) => list.map((x): CompactOption => (x.label.en === x.label.vi ? [x.value, x.label.vi] : [x.value, x.label.vi, x.label.en])));
  const c: CompactData = { info: data.info, id: data.id, title: data.title, reserved: data.reserved, n, o, r };
  if (!same(expandData(c), data)) throw new Error(`Compacting the validator data of ${data.id} loses information`);
  return c;
}

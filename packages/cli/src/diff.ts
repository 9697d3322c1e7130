/**
 * The definition diff: what changed between two versions of a form — fields,
 * tables and columns added, removed, moved, retyped, relabelled; options,
 * constraints and rules changed — each classed as **breaking** (a report that
 * was valid may become invalid or change meaning) or **compatible**, and
 * rendered as markdown fit for a changeset or release note.
 * Pure: works on {@link FormModel}s built by `@bieumau/core`.
 * @module
 */
import { fieldReference, foldText, walkFields } from '@bieumau/core';
import type { FieldNode, FormModel, Lang, RuleNode } from '@bieumau/core';
import { mapPointer } from './migrate.js';
import type { Migration } from './migrate.js';
import { msg } from './messages.js';

/** What kind of change. */
export type ChangeKind =
  | 'added' | 'removed' | 'moved' | 'retyped' | 'relabelled' | 'recoded' | 'nowRequired' | 'nowOptional'
  | 'optionsChanged' | 'optionRelabelled' | 'constraintChanged' | 'unitChanged' | 'notApplicableChanged' | 'evidenceChanged'
  | 'ruleAdded' | 'ruleRemoved' | 'ruleChanged' | 'ruleMessageChanged'
  | 'variantAdded' | 'variantRemoved' | 'formInfoChanged';

/** Whether existing reports survive the change. */
export type Impact = 'breaking' | 'compatible';

/** One change between two versions. */
export interface Change {
  kind: ChangeKind;
  impact: Impact;
  /** Template pointer of the node in the old version (the new one for `added`); rule id's node for rules. */
  pointer?: string;
  /** `moved`: template pointer in the new version. */
  newPointer?: string;
  /** `section`, `table`, `field` or `column`. */
  node?: 'section' | 'table' | 'field' | 'column';
  /** Code and label of the node as the reader knows it (new version, else old). */
  ref?: { vi: string; en: string };
  /** Rule id for rule changes; constraint keyword for `constraintChanged`; bmForm key for `formInfoChanged`. */
  name?: string;
  before?: unknown;
  after?: unknown;
  /** Variants the change applies to. */
  variants: string[];
  /** How the migration between the versions carries the change, when it does. */
  migration?: string;
  /** `optionsChanged`: the option labels, in the order of `before` and `after`. */
  optionLabels?: { before: { vi: string; en: string }[]; after: { vi: string; en: string }[] };
}

/** The diff of two versions of a form. */
export interface DefinitionDiff {
  form: string;
  from: string;
  to: string;
  /** Variants present in both versions (the ones compared). */
  variants: string[];
  changes: Change[];
  breaking: number;
  compatible: number;
}

const WIDENING = new Set(['integer>decimal', 'year>integer', 'text>longText', 'percent>decimal', 'url>text', 'email>text', 'phone>text', 'date>text']);
const TIGHTER_IF_LOWER = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'] as const;
const TIGHTER_IF_HIGHER = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'] as const;

function nodeType(n: FieldNode, inTable: boolean): 'section' | 'table' | 'field' | 'column' {
  if (n.kind === 'section') return 'section';
  if (n.kind === 'table') return 'table';
  return inTable ? 'column' : 'field';
}

function refOf(n: FieldNode): { vi: string; en: string } {
  return { vi: fieldReference(n, 'vi'), en: fieldReference(n, 'en') };
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}

/** How a migration handles a node, if it names it explicitly. */
function migrationOf(migration: Migration | undefined, template: string, variant: string): string | undefined {
  if (!migration) return undefined;
  for (const op of migration.operations) {
    if (op.variants && !op.variants.includes(variant)) continue;
    const froms = op.op === 'merge' ? Object.values(op.from) : op.op === 'map' || op.op === 'drop' ? [op.path] : op.op === 'set' ? [] : [op.from];
    const hit = froms.some((f) => template === f || template.startsWith(f + '/') || f.startsWith(template + '/'));
    if (hit) return (op.op === 'move' || op.op === 'rename') && op.values ? `${op.op} + map` : op.op;
    if (op.op === 'set' && op.path === template) return 'set';
  }
  return undefined;
}

/** Compares one variant's models. */
function diffModels(a: FormModel, b: FormModel, migration?: Migration): Change[] {
  const variant = a.info.variant;
  const changes: Change[] = [];
  const push = (c: Omit<Change, 'variants'>) => changes.push({ ...c, variants: [variant] });
  const tableOf = (m: FormModel) => {
    const set = new Set<string>();
    for (const n of walkFields(m)) for (const c of n.columns ?? []) set.add(c.template);
    return set;
  };
  const colsA = tableOf(a);
  const colsB = tableOf(b);
  const nodesA = new Map([...walkFields(a)].map((n) => [n.template, n]));
  const nodesB = new Map([...walkFields(b)].map((n) => [n.template, n]));

  // Pair every old node with a new one: same pointer, the migration's move, a moved parent, the same key, the same label.
  const pairs = new Map<string, string>();
  const taken = new Set<string>();
  for (const t of nodesA.keys()) if (nodesB.has(t)) { pairs.set(t, t); taken.add(t); }
  const unpairedA = () => [...nodesA.keys()].filter((t) => !pairs.has(t));
  const unpairedB = () => [...nodesB.keys()].filter((t) => !taken.has(t));
  const viaMigration = new Set<string>();
  for (const t of unpairedA()) {
    const m = mapPointer(migration, t, variant);
    if (m && m !== t && nodesB.has(m) && !taken.has(m)) { pairs.set(t, m); taken.add(m); viaMigration.add(t); }
  }
  const parent = (t: string) => t.slice(0, t.lastIndexOf('/')).replace(/\/\*$/, '');
  const key = (t: string) => t.slice(t.lastIndexOf('/') + 1);
  for (const t of unpairedA()) {
    const pa = parent(t);
    const pb = pairs.get(pa);
    if (pb && pb !== pa) {
      const cand = t.replace(pa, pb);
      if (nodesB.has(cand) && !taken.has(cand)) { pairs.set(t, cand); taken.add(cand); }
    }
  }
  const unique = (pred: (ta: string, tb: string) => boolean) => {
    for (const t of unpairedA()) {
      const cands = unpairedB().filter((u) => pred(t, u));
      if (cands.length !== 1) continue;
      const back = unpairedA().filter((x) => pred(x, cands[0]!));
      if (back.length === 1) { pairs.set(t, cands[0]!); taken.add(cands[0]!); }
    }
  };
  // Without a migration, guess moves: a unique node with the same key, then with the same label, and the same kind.
  // With one, the migration is the authority: a field it does not move is removed and another added.
  if (!migration) {
    unique((ta, tb) => key(ta) === key(tb) && nodesA.get(ta)!.kind === nodesB.get(tb)!.kind);
    unique((ta, tb) => foldText(nodesA.get(ta)!.label.vi) === foldText(nodesB.get(tb)!.label.vi) && nodesA.get(ta)!.kind === nodesB.get(tb)!.kind);
  }

  // Report only the outermost of nested removals, additions and moves.
  const reportedRemoved: string[] = [];
  for (const [t, n] of nodesA) {
    if (pairs.has(t)) continue;
    if (reportedRemoved.some((r) => t.startsWith(r + '/'))) continue;
    reportedRemoved.push(t);
    const how = migrationOf(migration, t, variant);
    // Computed, read-only values are never stored, so no report holds them.
    push({ kind: 'removed', impact: n.readOnly ? 'compatible' : 'breaking', pointer: t, node: nodeType(n, colsA.has(t)), ref: refOf(n), ...(how ? { migration: how } : {}) });
  }
  const reportedAdded: string[] = [];
  for (const [t, n] of nodesB) {
    if (taken.has(t)) continue;
    if (reportedAdded.some((r) => t.startsWith(r + '/'))) continue;
    reportedAdded.push(t);
    // Nested additions are folded into their outermost new node, so a required column of a new table is not reported.
    push({ kind: 'added', impact: n.required && !n.readOnly ? 'breaking' : 'compatible', pointer: t, node: nodeType(n, colsB.has(t)), ref: refOf(n), ...(n.required ? { after: { required: true } } : {}) });
  }

  const movedRoots: [string, string][] = [];
  for (const [ta, tb] of pairs) {
    const na = nodesA.get(ta)!;
    const nb = nodesB.get(tb)!;
    const nodeKind = nodeType(nb, colsB.has(tb));
    const base = { pointer: tb, node: nodeKind, ref: refOf(nb) } as const;
    if (ta !== tb) {
      const implied = movedRoots.some(([ra, rb]) => ta.startsWith(ra + '/') && tb === rb + ta.slice(ra.length));
      if (!implied) {
        movedRoots.push([ta, tb]);
        const how = viaMigration.has(ta) ? migrationOf(migration, ta, variant) ?? 'move' : migrationOf(migration, ta, variant);
        push({ kind: 'moved', impact: 'breaking', ...base, pointer: ta, newPointer: tb, ...(how ? { migration: how } : {}) });
      }
    }
    const how = migrationOf(migration, ta, variant);
    const mig = how ? { migration: how } : {};
    if (na.kind !== nb.kind) {
      push({ kind: 'retyped', impact: WIDENING.has(`${na.kind}>${nb.kind}`) ? 'compatible' : 'breaking', ...base, before: na.kind, after: nb.kind, ...mig });
    } else if ((na.kind === 'choice' || na.kind === 'multiChoice') && na.options && nb.options) {
      const va = na.options.map((o) => o.value);
      const vb = nb.options.map((o) => o.value);
      const removed = va.filter((v) => !vb.includes(v));
      const added = vb.filter((v) => !va.includes(v));
      if (removed.length || added.length) {
        const optionLabels = { before: na.options.map((o) => o.label), after: nb.options.map((o) => o.label) };
        push({ kind: 'optionsChanged', impact: removed.length ? 'breaking' : 'compatible', ...base, before: va, after: vb, optionLabels, ...mig });
      }
      for (const o of nb.options) {
        const old = na.options.find((x) => x.value === o.value);
        if (old && old.label.vi !== o.label.vi) push({ kind: 'optionRelabelled', impact: 'compatible', ...base, name: String(o.value), before: old.label, after: o.label });
      }
    }
    if (na.label.vi !== nb.label.vi) push({ kind: 'relabelled', impact: 'compatible', ...base, before: na.label, after: nb.label });
    if ((na.code ?? '') !== (nb.code ?? '')) push({ kind: 'recoded', impact: 'compatible', ...base, before: na.code ?? null, after: nb.code ?? null });
    if (!na.required && nb.required) push({ kind: 'nowRequired', impact: 'breaking', ...base, ...mig });
    if (na.required && !nb.required) push({ kind: 'nowOptional', impact: 'compatible', ...base });
    if (na.kind === nb.kind) {
      for (const k of [...TIGHTER_IF_LOWER, ...TIGHTER_IF_HIGHER]) {
        const x = na.schema[k] as number | undefined;
        const y = nb.schema[k] as number | undefined;
        if (x === y) continue;
        const lower = (TIGHTER_IF_LOWER as readonly string[]).includes(k);
        const tighter = y !== undefined && (x === undefined || (lower ? y < x : y > x));
        push({ kind: 'constraintChanged', impact: tighter ? 'breaking' : 'compatible', ...base, name: k, before: x ?? null, after: y ?? null });
      }
      for (const k of ['pattern', 'format', 'type', 'const'] as const) {
        if (stable(na.schema[k]) !== stable(nb.schema[k])) push({ kind: 'constraintChanged', impact: 'breaking', ...base, name: k, before: na.schema[k] ?? null, after: nb.schema[k] ?? null });
      }
    }
    if ((na.unit?.vi ?? '') !== (nb.unit?.vi ?? '')) push({ kind: 'unitChanged', impact: 'breaking', ...base, before: na.unit?.vi ?? null, after: nb.unit?.vi ?? null });
    if (na.notApplicable !== nb.notApplicable) push({ kind: 'notApplicableChanged', impact: na.notApplicable ? 'breaking' : 'compatible', ...base, before: na.notApplicable, after: nb.notApplicable });
    if (na.evidence !== nb.evidence) {
      const compatible = (na.evidence === undefined && nb.evidence === 'optional') || (na.evidence === 'required' && nb.evidence === 'optional');
      push({ kind: 'evidenceChanged', impact: compatible ? 'compatible' : 'breaking', ...base, before: na.evidence ?? null, after: nb.evidence ?? null });
    }
  }

  // Rules, by id.
  const rulesA = new Map(a.rules.map((r) => [r.rule.id, r]));
  const rulesB = new Map(b.rules.map((r) => [r.rule.id, r]));
  const logicOf = (r: RuleNode, through?: Migration) => {
    const base = r.perRow ? `${r.node}/*` : r.node;
    const newBase = through && base ? (mapPointer(through, base, variant) ?? base) : base;
    const mapPath = (p: string) => {
      if (!through || typeof p !== 'string' || p === '') return p;
      const abs = `${base}/${p.split('.').join('/')}`;
      const moved = mapPointer(through, abs, variant);
      if (!moved || !moved.startsWith(newBase + '/')) return p;
      return moved.slice(newBase.length + 1).split('/').join('.');
    };
    const walk = (l: unknown): unknown => {
      if (Array.isArray(l)) return l.map(walk);
      if (l === null || typeof l !== 'object') return l;
      const [op, arg] = Object.entries(l as Record<string, unknown>)[0] ?? [];
      if (op === undefined || Object.keys(l).length !== 1) return l;
      if (op === 'var') return { var: Array.isArray(arg) ? [mapPath(arg[0] as string), ...arg.slice(1).map(walk)] : mapPath(arg as string) };
      if (op === 'missing') return { missing: (Array.isArray(arg) ? arg : [arg]).map((x) => mapPath(x as string)) };
      if (op === 'map' || op === 'filter' || op === 'reduce' || op === 'all' || op === 'none' || op === 'some') {
        // Inside array operators, paths are relative to the element: only the array itself is mapped.
        const a = Array.isArray(arg) ? arg : [arg];
        return { [op]: [walk(a[0]), ...a.slice(1)] };
      }
      return { [op]: walk(arg) };
    };
    const target = typeof r.rule.target === 'string' && through ? (() => {
      const moved = mapPointer(through, `${base}${r.rule.target}`, variant);
      return moved && moved.startsWith(newBase) ? moved.slice(newBase.length) : r.rule.target;
    })() : r.rule.target;
    return stable({
      node: through ? newBase : base,
      assert: walk(r.rule.assert),
      when: walk(r.rule.when),
      requires: r.rule.requires?.map(mapPath),
      target,
      params: r.rule.params ? Object.fromEntries(Object.entries(r.rule.params).map(([k, v]) => [k, walk(v)])) : undefined,
    });
  };
  for (const [id, r] of rulesA) {
    if (!rulesB.has(id)) push({ kind: 'ruleRemoved', impact: 'compatible', pointer: r.node, name: id, before: r.message });
  }
  for (const [id, r] of rulesB) {
    const old = rulesA.get(id);
    if (!old) {
      push({ kind: 'ruleAdded', impact: r.rule.severity === 'error' ? 'breaking' : 'compatible', pointer: r.node, name: id, after: { severity: r.rule.severity, message: r.message } });
      continue;
    }
    // A rule whose logic reads moved fields is "changed" only if its logic changed beyond the paths it was written against.
    if (logicOf(old, migration) !== logicOf(r) || old.rule.severity !== r.rule.severity) {
      const impact: Impact = r.rule.severity === 'error' ? 'breaking' : 'compatible';
      push({ kind: 'ruleChanged', impact, pointer: r.node, name: id, before: { severity: old.rule.severity, message: old.message }, after: { severity: r.rule.severity, message: r.message } });
    } else if (old.message.vi !== r.message.vi) {
      push({ kind: 'ruleMessageChanged', impact: 'compatible', pointer: r.node, name: id, before: old.message, after: r.message });
    }
  }

  // Form information (title, window, deadline, basis…), the identity keys excluded.
  const infoA = a.info as unknown as Record<string, unknown>;
  const infoB = b.info as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(infoA), ...Object.keys(infoB)])) {
    if (k === 'version' || k === 'previous' || k === 'form' || k === 'variant') continue;
    if (stable(infoA[k]) === stable(infoB[k])) continue;
    const x = infoA[k];
    const y = infoB[k];
    if (Array.isArray(x) && Array.isArray(y)) {
      // Lists (the documents a form rests on): what left and what came, so variants sharing the change merge.
      push({ kind: 'formInfoChanged', impact: 'compatible', name: k, before: x.filter((v) => !y.includes(v)), after: y.filter((v) => !x.includes(v)) });
    } else push({ kind: 'formInfoChanged', impact: 'compatible', name: k, before: x ?? null, after: y ?? null });
  }
  return changes;
}

/** Input of {@link diffDefinitions}: the models of every variant of each version. */
export interface DiffInput {
  form: string;
  from: string;
  to: string;
  /** Models of the old version by variant. */
  before: ReadonlyMap<string, FormModel>;
  /** Models of the new version by variant. */
  after: ReadonlyMap<string, FormModel>;
  /** The migration from the old version to the new one, if any: used to pair renamed fields and to say how each change is carried. */
  migration?: Migration;
}

/**
 * Diffs two versions of a form, variant by variant, and merges the changes
 * that several variants share (most live in a shared schema file).
 */
export function diffDefinitions(input: DiffInput): DefinitionDiff {
  const variants = [...input.before.keys()].filter((v) => {
    const target = input.migration?.variants?.[v] ?? v;
    return input.after.has(target);
  });
  const merged = new Map<string, Change>();
  const add = (c: Change) => {
    const { variants: vs, ...rest } = c;
    const k = stable(rest);
    const existing = merged.get(k);
    if (existing) existing.variants.push(...vs.filter((v) => !existing.variants.includes(v)));
    else merged.set(k, { ...c, variants: [...vs] });
  };
  for (const v of variants) {
    const target = input.migration?.variants?.[v] ?? v;
    for (const c of diffModels(input.before.get(v)!, input.after.get(target)!, input.migration)) add(c);
  }
  const mappedTargets = new Set(variants.map((v) => input.migration?.variants?.[v] ?? v));
  for (const v of input.before.keys()) if (!variants.includes(v)) add({ kind: 'variantRemoved', impact: 'breaking', name: v, variants: [v] });
  for (const v of input.after.keys()) if (!mappedTargets.has(v)) add({ kind: 'variantAdded', impact: 'compatible', name: v, variants: [v] });
  const changes = [...merged.values()];
  return {
    form: input.form,
    from: input.from,
    to: input.to,
    variants,
    changes,
    breaking: changes.filter((c) => c.impact === 'breaking').length,
    compatible: changes.filter((c) => c.impact === 'compatible').length,
  };
}

function code(s: string): string {
  return '`' + s.replace(/`/g, 'ˋ') + '`';
}

function isTexts(v: unknown): v is { vi: string; en: string } {
  return v !== null && typeof v === 'object' && typeof (v as { vi?: unknown }).vi === 'string' && typeof (v as { en?: unknown }).en === 'string';
}

function show(v: unknown, lang: Lang = 'vi'): string {
  if (isTexts(v)) return `“${v[lang]}”`;
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return `“${v}”`;
  return code(JSON.stringify(v));
}

function mdEscape(s: string): string {
  return s.replace(/([\\*_[\]<>|])/g, '\\$1');
}

/** One line of markdown for a change. */
export function describeChange(c: Change, diff: DefinitionDiff, lang: Lang): string {
  const parts: string[] = [`**${msg(lang, `diff.${c.kind}`)}**`];
  if (c.node) parts.push(msg(lang, `diff.kind.${c.node}`));
  if (c.pointer && !c.kind.startsWith('rule') && c.kind !== 'formInfoChanged') parts.push(code(c.pointer) + (c.newPointer ? ` → ${code(c.newPointer)}` : ''));
  if (c.ref) parts.push(`(${mdEscape(c.ref[lang])})`);
  if (c.kind.startsWith('rule')) parts.push(code(c.name!));
  if (c.kind === 'formInfoChanged') parts.push(code(c.name!));
  if (c.kind === 'variantAdded' || c.kind === 'variantRemoved') parts.push(code(c.name!));
  let line = parts.join(' ');
  const detail = (() => {
    switch (c.kind) {
      case 'formInfoChanged':
        if (Array.isArray(c.before) && Array.isArray(c.after)) return [...c.before.map((v) => `− ${show(v, lang)}`), ...c.after.map((v) => `+ ${show(v, lang)}`)].join('; ');
        return `${show(c.before, lang)} → ${show(c.after, lang)}`;
      case 'retyped': case 'relabelled': case 'recoded': case 'unitChanged': case 'notApplicableChanged': case 'evidenceChanged': case 'ruleMessageChanged':
        return `${show(c.before, lang)} → ${show(c.after, lang)}`;
      case 'optionsChanged': {
        const list = (values: unknown, labels: { vi: string; en: string }[] | undefined) =>
          (values as unknown[]).map((v, i) => `${code(JSON.stringify(v))}${labels?.[i] && labels[i]![lang] !== String(v) ? ` “${labels[i]![lang]}”` : ''}`).join(', ');
        return `${list(c.before, c.optionLabels?.before)} → ${list(c.after, c.optionLabels?.after)}`;
      }
      case 'optionRelabelled':
        return `${code(c.name!)}: ${show(c.before, lang)} → ${show(c.after, lang)}`;
      case 'constraintChanged':
        return `${code(c.name!)}: ${show(c.before, lang)} → ${show(c.after, lang)}`;
      case 'ruleAdded': {
        const a = c.after as { severity: string; message: unknown };
        return `${a.severity}: ${show(a.message, lang)}`;
      }
      case 'ruleRemoved':
        return show(c.before, lang);
      case 'ruleChanged': {
        const a = c.before as { severity: string };
        const b = c.after as { severity: string; message: unknown };
        return a.severity === b.severity ? show(b.message, lang) : `${a.severity} → ${b.severity}: ${show(b.message, lang)}`;
      }
      case 'added':
        return c.after ? (lang === 'vi' ? 'bắt buộc' : 'required') : '';
      default:
        return '';
    }
  })();
  if (detail) line += `: ${detail}`;
  const notes: string[] = [];
  if (c.variants.length < diff.variants.length && c.kind !== 'variantAdded' && c.kind !== 'variantRemoved') notes.push(msg(lang, 'diff.onlyVariants', { variants: c.variants.join(', ') }));
  if (c.migration) notes.push(msg(lang, 'diff.migration', { how: code(c.migration) }));
  if (notes.length) line += ` — ${notes.join('; ')}`;
  return `- ${line}`;
}

/** Renders a diff as markdown: a summary, then breaking and compatible changes in form order. */
export function renderDiffMarkdown(diff: DefinitionDiff, lang: Lang = 'vi'): string {
  const out: string[] = [`## ${msg(lang, 'diff.title', { form: diff.form, from: diff.from, to: diff.to })}`, ''];
  if (!diff.changes.length) {
    out.push(msg(lang, 'diff.none'), '');
    return out.join('\n');
  }
  out.push(msg(lang, 'diff.summary', { breaking: diff.breaking, compatible: diff.compatible, variants: diff.variants.join(', ') }), '');
  for (const impact of ['breaking', 'compatible'] as const) {
    const list = diff.changes.filter((c) => c.impact === impact);
    if (!list.length) continue;
    out.push(`### ${msg(lang, `diff.${impact}`)}`, '');
    // A renumbered form recodes every item: one line says so (the JSON output keeps every change).
    const recoded = list.filter((c) => c.kind === 'recoded');
    const folded = recoded.length > 20;
    for (const c of list) {
      if (folded && c.kind === 'recoded') {
        if (c === recoded[0]) {
          const examples = recoded.slice(0, 5).map((r) => `${show(r.before, lang)} → ${show(r.after, lang)}`).join(', ');
          out.push(`- **${msg(lang, 'diff.recoded')}** ${msg(lang, 'diff.recodedMany', { count: recoded.length, examples })}`);
        }
        continue;
      }
      out.push(describeChange(c, diff, lang));
    }
    out.push('');
  }
  if (diff.breaking) out.push(msg(lang, 'diff.migrationHint', { to: diff.to }), '');
  return out.join('\n');
}

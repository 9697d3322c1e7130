/**
 * Test support: fast-check arbitraries of reports, generated from the form
 * model alone (kinds and schema constraints), so the round-trip property runs
 * over every definition without form-specific code. Values are the ones a
 * report can hold and a workbook can carry: blank is absence (no empty
 * strings, arrays or objects), text is NFC without characters XML forbids.
 * @module
 */
import fc from 'fast-check';
import { buildModel, cleanFloat } from '@bieumau/core';
import type { Definition, FieldNode } from '@bieumau/core';

const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);

const TRICKY = ['=1+1', '+84 912 345 678', '-5', '@SUM(A1)', '=HYPERLINK("http://x")', 'Thông tin', '  lề hai bên  ', 'a\tb', 'dòng 1\ndòng 2', '__proto__', 'constructor', '0912345678', '1.234', '45%', 'Có', '"trích dẫn"', "it's"];

/** A non-blank text of at most `max` code points. */
function text(max: number): fc.Arbitrary<string> {
  const limit = Math.max(1, Math.min(max, 60));
  return fc
    .oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: limit }),
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: limit }),
      fc.constantFrom(...TRICKY),
    )
    .map((s) => s.normalize('NFC').replace(/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]/g, ''))
    .filter((s) => s.trim() !== '' && [...s].length <= max);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An arbitrary value of one field or column. */
export function valueOf(node: FieldNode): fc.Arbitrary<unknown> {
  const s = node.schema;
  const maxLen = num(s.maxLength, 200);
  switch (node.kind) {
    case 'integer':
    case 'year':
      return fc.integer({ min: Math.ceil(num(s.minimum, node.kind === 'year' ? 1990 : 0)), max: Math.floor(Math.min(num(s.maximum, 1e9), 2 ** 31)) });
    case 'decimal':
    case 'percent':
      return fc
        .double({ min: num(s.minimum, node.kind === 'percent' ? 0 : -1e9), max: num(s.maximum, node.kind === 'percent' ? 100 : 1e9), noNaN: true, noDefaultInfinity: true })
        .map((x) => cleanFloat(x) || 0);
    case 'boolean':
      return fc.boolean();
    case 'choice':
      return fc.constantFrom(...(node.options ?? []).map((o) => o.value));
    case 'multiChoice':
      {
      const values = (node.options ?? []).map((o) => o.value);
      return fc.subarray(values, { minLength: 1, maxLength: Math.max(1, Math.min(values.length, num(s.maxItems, 100))) });
    }
    case 'date':
      return fc.date({ min: new Date(Date.UTC(1900, 2, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'month':
      return fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m)}`);
    case 'url':
      return fc.webUrl({ validSchemes: ['https', 'http'] }).filter((u) => u.length <= maxLen && /^https?:\/\//.test(u));
    case 'email':
      return fc.emailAddress().filter((e) => e.length <= maxLen);
    case 'phone':
      return fc.stringMatching(/^\+?[0-9][0-9 .()-]{3,12}[0-9]$/).filter((p) => p.length <= maxLen);
    case 'ratio':
      return fc
        .record({ numerator: fc.integer({ min: 0, max: 10_000_000 }), denominator: fc.integer({ min: 0, max: 10_000_000 }) }, { requiredKeys: [] })
        .filter((r) => Object.keys(r).length > 0);
    case 'table': {
      const cols = node.columns ?? [];
      const required = new Set(cols.filter((c) => c.required).map((c) => c.key));
      const row = fc
        .record(Object.fromEntries(cols.map((c) => [c.key, valueOf(c)])), { requiredKeys: [...required] })
        .filter((r) => Object.keys(r).length > 0);
      return fc.array(row, { minLength: 1, maxLength: Math.min(6, num(s.maxItems, 6)) });
    }
    case 'section': {
      const kids = (node.children ?? []).filter((c) => !c.readOnly);
      return fc.record(Object.fromEntries(kids.map((c) => [c.key, valueOf(c)])), { requiredKeys: [] });
    }
    case 'longText':
    case 'text':
    default:
      return text(maxLen);
  }
}

function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

/** An arbitrary report of a definition: sections, not-applicable reasons, evidence links. */
export function reportArbitrary(definition: Definition): fc.Arbitrary<Record<string, unknown>> {
  const model = buildModel(definition);
  const fields: FieldNode[] = [];
  const walk = (nodes: FieldNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'section') walk(n.children ?? []);
      else fields.push(n);
    }
  };
  walk(model.sections);
  const naFields = fields.filter((f) => f.notApplicable);
  const evFields = fields.filter((f) => f.evidence);
  const sections = fc.record(Object.fromEntries(model.sections.map((s) => [s.key, valueOf(s)])), { requiredKeys: [] });
  const na = fc.record(Object.fromEntries(naFields.map((f) => [f.pointer, text(300)])), { requiredKeys: [] });
  const ev = fc.record(Object.fromEntries(evFields.map((f) => [f.pointer, fc.webUrl({ validSchemes: ['https'] }).filter((u) => u.length <= 300)])), { requiredKeys: [] });
  return fc.tuple(sections, na, ev).map(([secs, naMap, evMap]) => {
    const report = { definition: { form: model.info.form, version: model.info.version, variant: model.info.variant }, ...(prune(secs) as object) } as Record<string, unknown>;
    // A field marked not applicable is blank in a valid report.
    for (const pointer of Object.keys(naMap)) {
      const tokens = pointer.split('/').slice(1);
      let parent: Record<string, unknown> | undefined = report;
      for (const t of tokens.slice(0, -1)) parent = parent && (parent[t] as Record<string, unknown> | undefined);
      if (parent) delete parent[tokens[tokens.length - 1]!];
    }
    const cleaned = prune(report) as Record<string, unknown>;
    cleaned.definition = report.definition;
    if (Object.keys(naMap).length) cleaned.notApplicable = naMap;
    if (Object.keys(evMap).length) cleaned.evidence = evMap;
    // Plain objects in form order (fast-check records have a null prototype).
    return JSON.parse(JSON.stringify(cleaned)) as Record<string, unknown>;
  });
}

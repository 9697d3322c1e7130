/**
 * Test support (not published): fast-check arbitraries of report documents,
 * built from a definition's model only (no form-specific code). Values are
 * mostly plausible, sometimes wrong (types, ranges, patterns, unknown keys),
 * so generated documents exercise schema errors and cross-field rules alike.
 * @module
 */
import fc from 'fast-check';
import type { FieldNode, FormModel } from '@bieumau/core';

const garbage = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }),
  fc.constant('12'),
  fc.constant({}),
  fc.constant([]),
);

function scalar(n: FieldNode): fc.Arbitrary<unknown> {
  const s = n.schema;
  const min = typeof s.minimum === 'number' ? s.minimum : 0;
  const max = typeof s.maximum === 'number' ? Math.min(s.maximum, min + 300) : min + 300;
  let good: fc.Arbitrary<unknown>;
  switch (n.kind) {
    case 'integer':
    case 'year':
      good = fc.integer({ min, max: max + 2 });
      break;
    case 'decimal':
    case 'percent':
      good = fc.oneof(fc.integer({ min, max: max + 2 }), fc.double({ min, max: max + 1, noNaN: true, noDefaultInfinity: true }));
      break;
    case 'boolean':
      good = fc.boolean();
      break;
    case 'choice':
      good = fc.constantFrom(...(n.options?.length ? n.options.map((o) => o.value) : ['x']));
      break;
    case 'multiChoice':
      good = fc.uniqueArray(fc.constantFrom(...(n.options?.length ? n.options.map((o) => o.value) : ['x'])), { maxLength: 4 });
      break;
    case 'date':
      good = fc.constantFrom('2019-05-31', '2019-02-30', '31/05/2019', '2020-02-29');
      break;
    case 'month':
      good = fc.constantFrom('2019-03', '2019-13', '2019-3');
      break;
    case 'url':
      good = fc.constantFrom('https://a.gov.vn/x', 'http://b.vn', 'ftp://c.vn', 'javascript:alert(1)', 'https://');
      break;
    case 'email':
      good = fc.constantFrom('a@b.gov.vn', 'not-an-email', 'x@y');
      break;
    case 'ratio':
      good = fc.record({ numerator: fc.integer({ min: 0, max: 50 }), denominator: fc.integer({ min: 0, max: 50 }) }, { requiredKeys: [] });
      break;
    default:
      good = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('Sở Thông tin và Truyền thông', ' ', 'x'.repeat(Math.min((s.maxLength ?? 20) + 1, 5000))));
  }
  return fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: garbage });
}

function nodeArb(n: FieldNode, depth: number): fc.Arbitrary<unknown> {
  if (n.kind === 'section' && n.children) return objectArb(n.children, depth + 1);
  if (n.kind === 'table' && n.columns) return fc.array(objectArb(n.columns, depth + 1), { maxLength: 4 });
  return scalar(n);
}

function objectArb(children: FieldNode[], depth: number): fc.Arbitrary<unknown> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const c of children) model[c.key] = nodeArb(c, depth);
  const rec = fc.record(model, { requiredKeys: [] });
  // Now and then an unknown member.
  return fc.oneof({ weight: 12, arbitrary: rec }, { weight: 1, arbitrary: rec.map((o) => ({ ...(o as object), unknownField: 1 })) });
}

/** Reports of a definition: its `definition` reference, sections, and sometimes value-state maps. */
export function reportArbitrary(model: FormModel): fc.Arbitrary<Record<string, unknown>> {
  const naFields = [...model.byTemplate.values()].filter((n) => n.notApplicable && !n.template.includes('*')).map((n) => n.template);
  const evFields = [...model.byTemplate.values()].filter((n) => n.evidence && !n.template.includes('*')).map((n) => n.template);
  const pointers = [...naFields, ...evFields, '/nowhere/field'];
  const map = (values: fc.Arbitrary<string>) =>
    fc.dictionary(fc.constantFrom(...pointers), values, { maxKeys: 3 });
  const sections: Record<string, fc.Arbitrary<unknown>> = {};
  for (const s of model.sections) sections[s.key] = nodeArb(s, 0);
  const { form, version, variant } = model.info;
  return fc
    .record(
      {
        definition: fc.constant({ form, version, variant }),
        ...sections,
        notApplicable: map(fc.constantFrom('Không có nhiệm vụ này', ' ', '')),
        evidence: map(fc.constantFrom('https://a.gov.vn/minh-chung', 'javascript:alert(1)', '')),
      },
      { requiredKeys: ['definition'] },
    )
    .map((r) => r as Record<string, unknown>);
}

/**
 * Generated row checks against the closures they stand in for: on every row
 * rule of every definition and on generated expressions, a check says "the
 * row passes or the rule does not apply" exactly when the closures do, on
 * rows of every kind of value. (The precompiled-vs-runtime tests cannot see
 * a wrong check: both validators use the same generated code.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, getAt, logicVars } from '@bieumau/core';
import type { Logic } from '@bieumau/core';
import { buildValidatorData } from './data.js';
import type { RuleData } from './data.js';
import { ROW_CHECK_PARAMS, rowCheckSource, rowChecks, rowChecksSource } from './rule-code.js';
import type { RowChecksFactory } from './rule-code.js';
import { definitionFolders } from './testing/fixtures.js';

type Rule = Pick<RuleData, 'perRow' | 'requires' | 'when' | 'assert'>;

/** The check as the validator builds it on the runtime path. */
function checkOf(source: string): (row: unknown) => boolean {
  return rowChecks(new Function(`return (${ROW_CHECK_PARAMS.join(', ')}) => [${source}];`)() as RowChecksFactory)[0]!;
}

/** What the engine's closures decide for a row (a plain object): skipped or passing. */
function reference(rule: Rule): (row: Record<string, unknown>) => boolean {
  const when = rule.when === undefined ? undefined : compileCondition(rule.when);
  const assert = compileCondition(rule.assert);
  return (row) => {
    for (const p of rule.requires) {
      const v = getAt(row, p);
      if (v === undefined || v === null || v === '') return true;
    }
    if (when && !when(row)) return true;
    return assert(row);
  };
}

/** Every kind of value a row field may hold, JSON or not quite. */
const anyValue = fc.oneof(
  fc.integer({ min: -3, max: 120 }),
  fc.constantFrom(0, -0, 0.5, 100, 2019, 3, 4, 1e12, Number.NaN),
  fc.constantFrom('', ' ', '0', '3', '4', '100', 'abc', 'deployed', 'completed', 'overdue', 'completedLate', '2019-01-01'),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom([], [1], [3, 4], {}, { a: 1 }),
);

function rowArbitrary(fields: string[]): fc.Arbitrary<Record<string, unknown>> {
  const keys = [...new Set([...fields, 'other'])];
  return fc.dictionary(fc.constantFrom(...keys), anyValue, { maxKeys: keys.length }).map((d) => {
    // Built with defineProperty so a field named like an Object.prototype member stays an own property.
    const row: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(d)) Object.defineProperty(row, k, { value: v, enumerable: true, writable: true, configurable: true });
    return row;
  });
}

function fieldsOf(rule: Rule): string[] {
  const v = [rule.assert, rule.when].filter((x) => x !== undefined).map((x) => logicVars(x as Logic));
  return [...new Set([...v.flatMap((x) => x.paths), ...rule.requires.map((p) => p.slice(1))])];
}

const rowRules = definitionFolders().flatMap((f) =>
  f.variants.flatMap((v) => buildValidatorData(v.definition).rules.filter((r) => r.perRow).map((rule) => ({ name: `${v.definition.info.form}@${v.definition.info.version}/${v.variant} ${rule.id}`, rule }))),
);

describe('row checks of the definitions', () => {
  it('cover every row rule of every definition', () => {
    expect(rowRules.length).toBeGreaterThan(50);
    expect(rowRules.filter((r) => rowCheckSource(r.rule) === undefined).map((r) => r.name)).toEqual([]);
  });

  for (const { name, rule } of rowRules) {
    it(`agree with the closures: ${name}`, () => {
      const check = checkOf(rowCheckSource(rule)!);
      const ref = reference(rule);
      fc.assert(
        fc.property(rowArbitrary(fieldsOf(rule)), (row) => {
          expect(check(row), JSON.stringify(row)).toBe(ref(row));
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('row checks of generated expressions', () => {
  const FIELDS = ['a', 'b', 'c', 'constructor', 'x y'];
  const scalar = fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constantFrom('', '3', 'a', null, true, false, 0.5));
  const { expr } = fc.letrec<{ expr: unknown }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.record({ var: fc.constantFrom(...FIELDS, 'a.b', '') }),
      fc.record({ missing: fc.uniqueArray(fc.constantFrom(...FIELDS), { maxLength: 3 }) }),
      fc.record({ missing_some: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.uniqueArray(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 3 })) }),
      ...['==', '===', '!=', '!==', '>', '>=', '<', '<='].map((op) => fc.record({ [op]: fc.tuple(tie('expr'), tie('expr')) })),
      fc.record({ '<': fc.tuple(tie('expr'), tie('expr'), tie('expr')) }),
      ...['!', '!!'].map((op) => fc.record({ [op]: fc.tuple(tie('expr')) })),
      ...['and', 'or', '+'].map((op) => fc.record({ [op]: fc.array(tie('expr'), { maxLength: 3 }) })),
      fc.record({ in: fc.tuple(tie('expr'), fc.oneof(fc.constant(['a', 3, null]), fc.constant('a3'), tie('expr'))) }),
      fc.record({ if: fc.array(tie('expr'), { maxLength: 3 }) }),
    ),
  }));

  it('agree with the closures whenever a check is generated', () => {
    let generated = 0;
    fc.assert(
      fc.property(expr, fc.option(expr, { nil: undefined }), fc.subarray(['/a', '/b', '/constructor']), rowArbitrary(FIELDS), (assert, when, requires, row) => {
        const rule: Rule = { perRow: true, requires, assert: assert as Logic, ...(when === undefined ? {} : { when: when as Logic }) };
        const source = rowCheckSource(rule);
        if (source === undefined) return;
        generated++;
        expect(checkOf(source)(row), `${source}\n${JSON.stringify(row)}`).toBe(reference(rule)(row));
      }),
      { numRuns: 3000 },
    );
    // The generator must reach generated code, not only the fallback.
    expect(generated).toBeGreaterThan(400);
  });

  it('leaves rules that are not row rules, and expressions outside the subset, to the closures', () => {
    expect(rowCheckSource({ perRow: false, requires: [], assert: { '==': [1, 1] } })).toBeUndefined();
    expect(rowCheckSource({ perRow: true, requires: [], assert: { reduce: [{ var: 'l' }, { '+': [{ var: 'accumulator' }, 1] }, 0] } })).toBeUndefined();
    expect(rowCheckSource({ perRow: true, requires: ['/a/b'], assert: true })).toBeUndefined();
    expect(rowCheckSource({ perRow: true, requires: [], assert: { var: ['a', 1] } })).toBeUndefined();
    expect(rowChecksSource([{ perRow: false, requires: [], assert: true }])).toBeUndefined();
    expect(rowChecksSource([{ perRow: false, requires: [], assert: true }, { perRow: true, requires: [], assert: true }])).toBe('(__has, __num, __truthy, __blank, __value) => [null, (d) => { return __truthy(true); }]');
  });
});

/**
 * The rule-language evaluator agrees with the reference implementation
 * (json-logic-js) on generated expressions of the subset and generated data,
 * except where docs/rule-language.md says it deliberately differs (own
 * properties only, no indexing into strings), which the generator avoids.
 */
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compileCondition, compileLogic, evaluateLogic, logicVars, truthy } from './logic.js';

// json-logic-js ships no types; this is the part of its API the test uses.
const jsonLogic = createRequire(import.meta.url)('json-logic-js') as { apply(logic: unknown, data?: unknown): unknown; truthy(v: unknown): boolean };

const scalar = fc.oneof(
  fc.integer({ min: -5, max: 20 }),
  fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('', '0', '3', 'abc', '1.5', ' 2 ', 'other'),
  fc.boolean(),
  fc.constant(null),
);
const row = fc.record({ level: fc.constantFrom(3, 4, '3', null), online: scalar, total: scalar }, { requiredKeys: [], noNullPrototype: true });
const data = fc.record(
  {
    a: scalar,
    b: scalar,
    c: scalar,
    list: fc.oneof(fc.array(row, { maxLength: 4 }), fc.constant(null)),
    tags: fc.array(fc.constantFrom('internet', 'sms', 'other', 3), { maxLength: 3 }),
    sub: fc.oneof(fc.record({ x: scalar, y: scalar }, { requiredKeys: [], noNullPrototype: true }), fc.constant(null), fc.constant('text')),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const PATHS = ['a', 'b', 'c', 'sub.x', 'sub.y', 'list', 'tags', 'list.0.online', 'missing', 'sub.missing.deep'];
const ITEM_PATHS = ['level', 'online', 'total', ''];

const { expr, item } = fc.letrec<{ expr: unknown; item: unknown }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.record({ var: fc.constantFrom(...PATHS) }),
    fc.record({ var: fc.tuple(fc.constantFrom(...PATHS), scalar) }),
    fc.record({ missing: fc.uniqueArray(fc.constantFrom(...PATHS), { minLength: 1, maxLength: 3 }) }),
    fc.record({ missing_some: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.uniqueArray(fc.constantFrom(...PATHS), { maxLength: 3 })) }),
    fc.record({ if: fc.array(tie('expr'), { minLength: 0, maxLength: 5 }) }),
    ...['==', '===', '!=', '!==', '>', '>=', '%', '/'].map((op) => fc.record({ [op]: fc.tuple(tie('expr'), tie('expr')) })),
    ...['<', '<='].map((op) => fc.record({ [op]: fc.oneof(fc.tuple(tie('expr'), tie('expr')), fc.tuple(tie('expr'), tie('expr'), tie('expr'))) })),
    ...['!', '!!'].map((op) => fc.record({ [op]: fc.tuple(tie('expr')) })),
    ...['or', 'and', '+', 'cat', 'merge'].map((op) => fc.record({ [op]: fc.array(tie('expr'), { minLength: 1, maxLength: 4 }) })),
    ...['max', 'min', '*'].map((op) => fc.record({ [op]: fc.array(tie('expr'), { minLength: 1, maxLength: 3 }) })),
    fc.record({ '-': fc.oneof(fc.tuple(tie('expr')), fc.tuple(tie('expr'), tie('expr'))) }),
    fc.record({ in: fc.tuple(tie('expr'), fc.oneof(fc.record({ var: fc.constant('tags') }), fc.constant('internet sms'), tie('expr'))) }),
    ...['map', 'filter', 'all', 'none', 'some'].map((op) => fc.record({ [op]: fc.tuple(fc.record({ var: fc.constantFrom('list', 'tags', 'a') }), tie('item')) })),
    fc.record({
      reduce: fc.tuple(
        // A filtered list too: the compiler counts it in one pass.
        fc.oneof(fc.record({ var: fc.constantFrom('list', 'tags') }), fc.record({ filter: fc.tuple(fc.record({ var: fc.constantFrom('list', 'tags', 'a') }), tie('item')) })),
        fc.constantFrom({ '+': [{ var: 'accumulator' }, 1] }, { '+': [{ var: 'accumulator' }, { var: 'current.online' }] }, { max: [{ var: 'accumulator' }, { var: 'current.total' }] }),
        fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 3 })),
      ).map(([l, f, i]) => (i === undefined ? [l, f] : [l, f, i])),
    }),
  ),
  // Inside array operators: the element's own fields.
  item: fc.oneof(
    fc.record({ '==': fc.tuple(fc.record({ var: fc.constantFrom(...ITEM_PATHS) }), scalar) }),
    fc.record({ '<=': fc.tuple(fc.record({ var: fc.constantFrom(...ITEM_PATHS) }), fc.record({ var: fc.constantFrom(...ITEM_PATHS) })) }),
    fc.record({ '!': fc.tuple(fc.record({ missing: fc.constant(['online']) })) }),
    fc.record({ var: fc.constantFrom(...ITEM_PATHS) }),
  ),
}));

/** Equality that treats NaN as equal to itself (both implementations produce it on bad arithmetic). */
function same(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || JSON.stringify(a, (_k, v) => (Number.isNaN(v) ? 'NaN' : v)) === JSON.stringify(b, (_k, v) => (Number.isNaN(v) ? 'NaN' : v));
}

describe('evaluateLogic ≡ json-logic-js on the subset', () => {
  it('gives the same value on generated expressions and data', () => {
    fc.assert(
      fc.property(expr, data, (logic, d) => {
        const ours = evaluateLogic(logic, d);
        const reference = jsonLogic.apply(logic, d);
        expect(same(ours, reference), JSON.stringify({ logic, d, ours, reference })).toBe(true);
        // The compiled form (closures, used by the validator) is the same function.
        const compiled = compileLogic(logic)(d);
        expect(same(compiled, ours), JSON.stringify({ logic, d, compiled, ours })).toBe(true);
        expect(truthy(ours)).toBe(jsonLogic.truthy(reference));
        // The truth-only form (rule conditions) agrees with the value's truth.
        expect(compileCondition(logic)(d), JSON.stringify({ logic, d, ours })).toBe(truthy(ours));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts filtered rows as json-logic-js does (the compiler fuses reduce over filter)', () => {
    const steps = [{ '+': [{ var: 'accumulator' }, 1] }, { '+': [{ var: 'accumulator' }, 2.5] }, { '+': [{ var: 'accumulator' }, { var: 'current.online' }] }, { max: [{ var: 'accumulator' }, { var: 'current.total' }] }];
    const init = fc.oneof(fc.constant(undefined), scalar);
    fc.assert(
      fc.property(data, item, fc.constantFrom(...steps), init, fc.constantFrom('list', 'tags', 'a'), (d, keep, step, start, from) => {
        const logic = { reduce: start === undefined ? [{ filter: [{ var: from }, keep] }, step] : [{ filter: [{ var: from }, keep] }, step, start] };
        const reference = jsonLogic.apply(logic, d);
        expect(same(compileLogic(logic)(d), reference), JSON.stringify({ logic, d, reference })).toBe(true);
        expect(same(evaluateLogic(logic, d), reference)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on the documented edge cases', () => {
    const cases: [unknown, unknown][] = [
      [{ var: 'x' }, {}],
      [{ var: ['x', 7] }, {}],
      [{ var: ['x', 7] }, { x: null }],
      [{ '+': [{ var: 'x' }, 1] }, {}],
      [{ '-': [{ var: 'x' }, 1] }, {}],
      [{ max: [{ var: 'x' }, -1] }, {}],
      [{ '*': ['3'] }, {}],
      [{ reduce: [{ var: 'l' }, { '+': [{ var: 'accumulator' }, 1] }] }, { l: [1, 2] }],
      [{ all: [[], true] }, {}],
      [{ none: [[], true] }, {}],
      [{ '!': [[]] }, {}],
      [{ in: [1, 'a1'] }, {}],
      [{ cat: [null, [1, 2], true] }, {}],
      [{ '<': [1, 2, null] }, {}],
      [{ missing_some: [1, ['a', 'b']] }, { a: '' }],
    ];
    for (const [logic, d] of cases) {
      expect(same(evaluateLogic(logic, d), jsonLogic.apply(logic, d)), JSON.stringify(logic)).toBe(true);
      expect(same(compileLogic(logic)(d), jsonLogic.apply(logic, d)), JSON.stringify(logic)).toBe(true);
    }
  });

  it('reads own properties only (a deliberate difference from json-logic-js)', () => {
    expect(evaluateLogic({ var: 'list.length' }, { list: [1, 2] })).toBeNull();
    expect(evaluateLogic({ var: 'constructor' }, {})).toBeNull();
    expect(evaluateLogic({ var: '__proto__' }, {})).toBeNull();
    expect(evaluateLogic({ var: 'name.0' }, { name: 'abc' })).toBeNull();
  });
});

describe('logicVars', () => {
  it('separates var paths (default requires) from presence tests and array element paths', () => {
    const v = logicVars({
      and: [
        { '<=': [{ var: 'online' }, { var: 'total' }] },
        { '!': { missing: ['note'] } },
        { reduce: [{ filter: [{ var: 'services' }, { '==': [{ var: 'currentLevel' }, 3] }] }, { '+': [{ var: 'accumulator' }, { var: 'current.count' }] }, 0] },
      ],
    });
    expect(v.vars).toEqual(['online', 'total', 'services']);
    expect(v.paths).toEqual(['online', 'total', 'note', 'services']);
    expect(v.arrays).toEqual([
      { path: 'services', itemPaths: ['currentLevel'] },
      { path: 'services', itemPaths: ['count'] },
    ]);
    expect(logicVars({ var: { cat: ['a', 'b'] } }).problems).toHaveLength(1);
    expect(logicVars({ regex: ['a'] }).problems).toEqual(['operator "regex" is not in the rule language']);
  });
});

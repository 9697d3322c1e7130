import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWorkbook, writeWorkbook } from './index.js';
import { allVariants } from './testing/definitions.js';
import { syntheticDefinition } from './testing/synthetic.js';
import { reportArbitrary } from './testing/arbitrary.js';

// Every definition of the repository and of the fixtures, found on disk: a
// definition added tomorrow is covered without touching this file.
const variants = [...allVariants(), { name: 'synthetic-test@2030/district (made up in the test)', definition: syntheticDefinition(), samples: [] as { file: string; report: Record<string, unknown> }[] }];

describe('round trip: readWorkbook(writeWorkbook(r)).report deep-equals r', () => {
  it('finds definitions to test', () => {
    expect(variants.length).toBeGreaterThan(0);
  });

  for (const v of variants) {
    it(`${v.name}: random reports`, async () => {
      await fc.assert(
        fc.asyncProperty(reportArbitrary(v.definition), async (report) => {
          const bytes = await writeWorkbook(report, v.definition);
          const back = await readWorkbook(bytes, { definition: v.definition });
          expect(back.diagnostics).toEqual([]);
          expect(back.report).toStrictEqual(report);
        }),
        // A failure is reported with the counterexample shrunk so far instead of shrinking past the test's
        // timeout (a province report takes ~100 ms a run; an emoji bug once timed out here unreported).
        { numRuns: 10, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true },
      );
    }, 240_000);

    for (const s of v.samples) {
      it(`${v.name}: sample ${s.file.split('/').slice(-1)[0]} in vi and en, deterministic bytes`, async () => {
        for (const lang of ['vi', 'en'] as const) {
          const a = await writeWorkbook(s.report, v.definition, { lang });
          const b = await writeWorkbook(structuredClone(s.report), v.definition, { lang });
          expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
          const back = await readWorkbook(a, { definition: v.definition });
          expect(back.report).toEqual(s.report);
          expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        }
      }, 120_000);
    }
  }
});

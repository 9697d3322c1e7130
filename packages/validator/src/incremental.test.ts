/**
 * Incremental validation: `validateField` on a field, row or section gives
 * exactly the problems full validation finds there, plus those of the rules
 * that read it (row rules for the row concerned) — on every fixture document
 * of every definition, for every pointer in it.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '@bieumau/core';
import type { ReportError } from '@bieumau/core';
import type { FieldValidationResult, ValidationResult } from './engine.js';
import { createValidator } from './validator.js';
import { caseData, definitionFolders, readJson } from './testing/fixtures.js';
import { join } from 'node:path';

function within(p: string, base: string): boolean {
  return p === base || p.startsWith(`${base}/`);
}

/** What full validation says about the scope an incremental call claims. */
function restrict(full: ValidationResult, field: FieldValidationResult, rules: Map<string, { node: string; perRow: boolean }>): string[] {
  const p = field.scope.pointer;
  const keep = (e: ReportError) => {
    const rule = rules.get(e.keyword);
    if (!rule) return within(e.instancePath, p);
    if (!field.scope.rules.includes(e.keyword)) return false;
    if (rule.perRow && p.startsWith(`${rule.node}/`)) {
      const row = (x: string) => x.slice(rule.node.length + 1).split('/')[0];
      return row(e.instancePath) === row(p);
    }
    return true;
  };
  return [...full.errors, ...full.warnings].filter(keep).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`).sort();
}

function pointersOf(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, p: string, depth: number) => {
    if (p) out.push(p);
    if (depth > 8 || v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) walk(x, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
  };
  walk(doc, '', 0);
  return out;
}

for (const folder of definitionFolders()) {
  for (const v of folder.variants) {
    describe(`${v.definition.info.form}@${v.definition.info.version}/${v.variant}`, () => {
      it('validateField agrees with full validation on every pointer of every fixture and sample', () => {
        const validator = createValidator(v.definition);
        const rules = new Map(buildModel(v.definition).rules.map((r) => [r.rule.id, { node: r.node, perRow: r.perRow }]));
        const docs = [
          ...v.samples.map((s) => readJson(join(folder.dir, s))),
          ...v.fixtures.flatMap((c) => {
            try {
              return [caseData(folder.dir, c)];
            } catch {
              return [];
            }
          }),
        ];
        let checked = 0;
        for (const doc of docs) {
          const full = validator.validate(doc);
          // Every pointer of the document plus the pointers of reported problems (blank required fields).
          const pointers = new Set([...pointersOf(doc), ...[...full.errors, ...full.warnings].map((e) => e.instancePath).filter(Boolean)]);
          for (const p of pointers) {
            // Rows past the fourth add time, not coverage (fixtures over maxItems have thousands).
            if (/\/([4-9]|[1-9]\d+)(\/|$)/.test(p)) continue;
            const field = validator.validateField(doc, p);
            const actual = [...field.errors, ...field.warnings].map((e) => `${e.instancePath} ${e.keyword} ${e.message}`).sort();
            expect(actual, `${p}`).toEqual(restrict(full, field, rules));
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(0);
      });
    });
  }
}

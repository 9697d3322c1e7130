/**
 * The definition diff on the real versions of the annual report: the
 * 2019 → 2022 markdown is snapshotted (it is the release note of 2022), and
 * the classification of each change is checked.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffDefinitions, renderDiffMarkdown } from './diff.js';
import type { DefinitionDiff } from './diff.js';
import { loadVersion, openWorkspace, readMigration } from './workspace.js';

const ROOT = join(import.meta.dirname, '../../../definitions');

async function diffOf(from: string, to: string, withMigration = true): Promise<DefinitionDiff> {
  const ws = openWorkspace(ROOT);
  const models = async (v: string) => new Map([...(await loadVersion(ws, 'annual-ict', v))].map(([k, x]) => [k, x.model]));
  const m = readMigration(ws, 'annual-ict', to);
  return diffDefinitions({ form: 'annual-ict', from, to, before: await models(from), after: await models(to), ...(withMigration && m.ok ? { migration: m.migration } : {}) });
}

describe('diff annual-ict 2019 → 2022', () => {
  it('renders the release note (vi and en)', async () => {
    const d = await diffOf('2019', '2022');
    await expect(renderDiffMarkdown(d, 'vi')).toMatchFileSnapshot('__snapshots__/annual-ict-2019-2022.md');
    await expect(renderDiffMarkdown(d, 'en')).toMatchFileSnapshot('__snapshots__/annual-ict-2019-2022.en.md');
  });

  it('classes the Decree 42/2022 change as breaking and carried by the migration', async () => {
    const d = await diffOf('2019', '2022');
    expect(d.variants.sort()).toEqual(['agency', 'ministry', 'province']);
    const levels = d.changes.find((c) => c.kind === 'optionsChanged' && c.pointer === '/dvc/services/*/currentLevel')!;
    expect(levels).toMatchObject({ impact: 'breaking', before: [3, 4], after: ['partial', 'full'], migration: 'map' });
    expect(levels.variants.sort()).toEqual(['agency', 'ministry', 'province']);
    expect(d.changes.find((c) => c.kind === 'moved' && c.pointer === '/dvc/level3Count')).toMatchObject({ newPointer: '/dvc/partialCount', impact: 'breaking', migration: 'rename' });
    // A rule whose only change is the renamed fields it reads is not a logic change.
    expect(d.changes.find((c) => c.name === 'dvc.levels-le-procedures')).toMatchObject({ kind: 'ruleMessageChanged', impact: 'compatible' });
    // Computed values are never stored, so renaming them breaks nothing.
    expect(d.changes.find((c) => c.kind === 'removed' && c.pointer === '/dvc/onlineShareLevel3')).toMatchObject({ impact: 'compatible' });
    expect(d.changes.filter((c) => c.kind === 'ruleAdded').map((c) => [c.name, c.impact])).toEqual([
      ['dvc.partial-count-matches-table', 'compatible'],
      ['dvc.full-count-matches-table', 'compatible'],
    ]);
  });
});

describe('diff annual-ict 2017 → 2019', () => {
  it('reports the columns and sections the 2019 form dropped, and how the migration handles them', async () => {
    const d = await diffOf('2017', '2019');
    const removed = d.changes.filter((c) => c.kind === 'removed').map((c) => `${c.pointer} ${c.migration ?? ''}`);
    expect(removed).toContain('/assessment drop');
    expect(removed).toContain('/planResults/*/objective drop');
    const moved = d.changes.filter((c) => c.kind === 'moved').map((c) => `${c.pointer} → ${c.newPointer}`);
    expect(moved).toEqual(['/planResults/*/obstacles → /planResults/*/reason', '/nextYearPlan/*/yearFunding → /nextYearPlan/*/fundingProject']);
    expect(d.changes.some((c) => c.kind === 'added' && c.pointer === '/nextYearServices' && c.impact === 'compatible')).toBe(true);
    expect(d.changes.some((c) => c.kind === 'recoded')).toBe(true);
  });

  it('finds no field that 2019 newly requires; only two new error rules could ask for more', async () => {
    const d = await diffOf('2017', '2019');
    expect(d.changes.filter((c) => c.kind === 'nowRequired' || (c.kind === 'added' && c.impact === 'breaking'))).toEqual([]);
    // Required-if rules: a note when a service is behind its roadmap (the roadmap level is new in 2019,
    // so a migrated report never triggers it) and a reason for an unfinished task (fed by the 2017 obstacles).
    expect(d.changes.filter((c) => c.kind === 'ruleAdded' && c.impact === 'breaking').map((c) => c.name)).toEqual(['dvc.services.note-if-behind-roadmap', 'plan-results.reason-required']);
  });

  it('guesses moves by key or label only when there is no migration', async () => {
    const d = await diffOf('2017', '2019', false);
    expect(d.changes.find((c) => c.kind === 'moved' && c.pointer === '/assessment/recommendations')).toBeDefined();
  });
});

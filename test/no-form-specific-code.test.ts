/**
 * Definitions are data: adding one (a province's own appendix, next year's
 * form) needs no code change. This test writes a brand-new definition into a
 * temporary folder and drives the registry, the walker and type generation
 * with it. Other packages' tests add their view of the same folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, walkFields } from '@bieumau/core';
import { createRegistry } from '@bieumau/definitions';
import { directorySource } from '@bieumau/definitions/node';
import { generateAll } from '../scripts/lib/generate-definitions.js';
import { writeNewDefinition } from './support/new-definition.js';

const root = mkdtempSync(join(tmpdir(), 'bieumau-newdef-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const { ref, sample } = writeNewDefinition(root);

describe('a definition added as data only', () => {
  it('is listed and loaded by the registry', async () => {
    const registry = createRegistry(directorySource(root));
    expect(registry.list().map((s) => `${s.form}@${s.version}/${s.variant}`)).toEqual([`${ref.form}@${ref.version}/${ref.variant}`]);
    const found = await registry.forReport(sample);
    expect(found.ok).toBe(true);
  });

  it('is walked into a model', async () => {
    const def = await createRegistry(directorySource(root)).get(ref);
    const model = buildModel(def);
    expect([...walkFields(model)].map((n) => `${n.template}:${n.kind}`)).toEqual([
      '/thongTin:section',
      '/thongTin/tenDonVi:text',
      '/thongTin/soMayTinh:integer',
      '/thongTin/coMangLan:boolean',
      '/duAn:table',
      '/duAn/*/ten:text',
      '/duAn/*/kinhPhi:integer',
    ]);
    expect(model.rules.map((r) => r.rule.id)).toEqual(['du-an.kinh-phi']);
  });

  it('gets generated TypeScript types', async () => {
    const files = await generateAll(root);
    const types = Object.entries(files).find(([k]) => k.startsWith('types/tinh-rieng'))?.[1];
    expect(types).toMatch(/export interface TinhRieng2026Unit \{/);
    expect(types).toMatch(/soMayTinh\?: number/);
    expect(files['catalog.ts']).toContain('tinh-rieng@2026');
  });
});


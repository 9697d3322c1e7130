import { describe, expect, it } from 'vitest';
import { directorySource, readVersionFolder } from './node.js';
import { createRegistry, memorySource } from './registry.js';

const fixtures = new URL('../../../test/fixtures/definitions', import.meta.url).pathname;

describe('registry', () => {
  const registry = createRegistry(directorySource(fixtures));

  it('lists definitions with their identity', () => {
    expect(registry.list()).toEqual([
      expect.objectContaining({ form: 'demo-form', version: '2025', variant: 'unit', formNumber: 'Mẫu thử', period: 'year', titleEn: 'Test form (unit)' }),
    ]);
  });

  it('loads a definition once and caches it', async () => {
    const a = await registry.get({ form: 'demo-form', version: '2025', variant: 'unit' });
    const b = await registry.get({ form: 'demo-form', version: '2025', variant: 'unit' });
    expect(a).toBe(b);
    expect(a.info.formNumber).toBe('Mẫu thử');
  });

  it('names what exists when a form or version is unknown', async () => {
    const noForm = await registry.find({ form: 'nope', version: '2019', variant: 'unit' });
    expect(noForm).toMatchObject({ ok: false, error: { instancePath: '/definition', keyword: 'bmUnknownDefinition', params: { available: ['demo-form'] } } });
    const noVersion = await registry.find({ form: 'demo-form', version: '1999', variant: 'unit' });
    expect(noVersion.ok).toBe(false);
    if (!noVersion.ok) expect(noVersion.error.message).toMatch(/2025\/unit/);
    await expect(registry.get({ form: 'nope', version: '1', variant: 'x' })).rejects.toThrow(/demo-form/);
  });

  it('finds the definition a report names, and refuses reports that name none', async () => {
    const found = await registry.forReport({ definition: { form: 'demo-form', version: '2025', variant: 'unit' } });
    expect(found.ok).toBe(true);
    for (const bad of [null, 42, [], {}, { definition: 'x' }, { definition: { form: 'demo-form', version: 2025, variant: 'unit' } }, JSON.parse('{"__proto__": {"form": "demo-form"}}')]) {
      const r = await registry.forReport(bad);
      expect(r).toMatchObject({ ok: false, error: { keyword: 'bmMissingDefinition', instancePath: '/definition' } });
    }
  });

  it('combines sources without letting a later one override a published definition', () => {
    const files = readVersionFolder(`${fixtures}/demo-form/2025`);
    const combined = createRegistry(memorySource([files]), memorySource([files]));
    expect(combined.list()).toHaveLength(1);
    expect(combined.latest('demo-form', 'unit')?.version).toBe('2025');
    expect(combined.latest('demo-form', 'nope')).toBeUndefined();
  });
});

/**
 * `@bieumau/definitions` — the published report definitions and a registry
 * to look them up. Definitions load on demand (one module per form version),
 * so a page that shows one form does not carry the others.
 *
 * @example
 * ```ts
 * import { registry } from '@bieumau/definitions';
 * const def = await registry.get({ form: 'annual-ict', version: '2019', variant: 'province' });
 * ```
 * @packageDocumentation
 */
import type { Definition, DefinitionRef } from '@bieumau/core';
import { loaders, summaries } from './generated/catalog.js';
import { createRegistry } from './registry.js';
import type { DefinitionSource, DefinitionSummary, Registry } from './registry.js';

export * from './registry.js';

/** The published definitions as a source, to combine with a portal's own in {@link createRegistry}. */
export const publishedSource: DefinitionSource = {
  summaries,
  load(form, version) {
    const load = loaders[`${form}@${version}`];
    if (!load) throw new Error(`No published files for ${form}@${version}`);
    return load();
  },
};

/** The registry of published definitions. */
export const registry: Registry = createRegistry(publishedSource);

/** Every published definition. */
export function listDefinitions(): DefinitionSummary[] {
  return registry.list();
}

/** Loads a published definition; rejects with a message naming what exists when there is none. */
export function getDefinition(ref: DefinitionRef): Promise<Definition> {
  return registry.get(ref);
}

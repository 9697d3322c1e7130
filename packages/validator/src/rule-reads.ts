/**
 * What a rule reads, derived from its expressions: shared by
 * `buildValidatorData` and by the runtime, which recomputes it when a
 * precompiled module is loaded instead of shipping it (see `compact.ts`).
 * @module
 */
import type { Logic } from '@bieumau/core';
import { dottedToPointer, logicVars, templateOf } from '@bieumau/core';

/**
 * The default `requires` of a rule (dotted paths): every `var` path of `when`
 * and `assert` outside array operators (not the paths of
 * `missing`/`missing_some`, which exist to test presence).
 */
export function defaultRequires(when: Logic | undefined, assert: Logic): string[] {
  const paths = new Set<string>();
  for (const l of [when, assert]) if (l !== undefined) for (const p of logicVars(l).vars) paths.add(p);
  return [...paths];
}

/**
 * The absolute templates a rule reads and the arrays it iterates, from its
 * expressions and its `requires` (relative pointers). `base` is the node's
 * template (`/table/*` for a row rule).
 */
export function ruleReads(base: string, logic: (Logic | undefined)[], requires: readonly string[]): { reads: string[]; arrayReads: { t: string; items: string[] }[] } {
  const reads = new Set<string>();
  const arrays = new Map<string, Set<string>>();
  const arrayPaths = new Set<string>();
  for (const l of logic) if (l !== undefined) for (const a of logicVars(l).arrays) arrayPaths.add(dottedToPointer(a.path));
  // A required table is a presence check: editing one of its cells cannot change it (rows added or removed can, see arrayReads).
  for (const r of requires) if (!arrayPaths.has(r)) reads.add(templateOf(base + r));
  for (const l of logic) {
    if (l === undefined) continue;
    const v = logicVars(l);
    // A path iterated by an array operator is an array read; read otherwise (e.g. compared), it is a plain read too.
    for (const p of v.paths) {
      const ptr = dottedToPointer(p);
      if (!arrayPaths.has(ptr)) reads.add(templateOf(base + ptr));
    }
    for (const a of v.arrays) {
      const arr = templateOf(base + dottedToPointer(a.path));
      const items = arrays.get(arr) ?? new Set<string>();
      for (const i of a.itemPaths) items.add(`${arr}/*${templateOf(dottedToPointer(i))}`);
      arrays.set(arr, items);
    }
  }
  return { reads: [...reads], arrayReads: [...arrays].map(([t, items]) => ({ t, items: [...items] })) };
}

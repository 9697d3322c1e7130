/**
 * schemaPaths a precompiled module leaves out of ajv's generated code and
 * the engine rebuilds from the error's `instancePath` and `keyword` and a
 * small table of bases (template prefix → schema location). The precompile
 * step drops a site's literal only after checking that this function, on
 * the site's instance path, returns exactly that literal; every other site
 * keeps its literal. Shared by both sides so they cannot drift.
 * @module
 */

/**
 * Template prefix (`''`, `/general`, `/dvc/services/*`) → base schemaPath
 * (`#/$defs/definitionRef`); the entry keyed `*` is a default stem: a
 * one-key prefix not in the table has the base stem + key
 * (`shared.json#/$defs/` + `general`).
 */
export type SchemaPathTable = readonly (readonly [string, string])[];

/**
 * The schemaPath of an error at `instancePath` (as ajv reports it, from the
 * root) for `keyword`: the base of the longest template prefix in `table`,
 * then `/properties/<key>` per key and `/items` per array index, then the
 * keyword. `undefined` when no prefix is in the table.
 */
export function deriveSchemaPath(table: ReadonlyMap<string, string>, instancePath: string, keyword: string): string | undefined {
  const tokens = instancePath === '' ? [] : instancePath.slice(1).split('/');
  const tmpl = tokens.map((t) => (/^\d+$/.test(t) ? '*' : t));
  for (let k = tmpl.length; k >= 0; k--) {
    const key = k === 0 ? '' : '/' + tmpl.slice(0, k).join('/');
    const stem = k === 1 ? table.get('*') : undefined;
    const base = table.get(key) ?? (stem === undefined ? undefined : stem + tmpl[0]);
    if (base === undefined) continue;
    let rest = '';
    for (let i = k; i < tmpl.length; i++) rest += tmpl[i] === '*' ? '/items' : '/properties/' + tmpl[i];
    return `${base}${rest}/${keyword}`;
  }
  return undefined;
}

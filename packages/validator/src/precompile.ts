/**
 * `@bieumau/validator/precompile` (Node only): the build step that turns a
 * definition into a standalone ESM validator module — ajv's generated code
 * for the root schema (annotations stripped, embedded schema objects pruned
 * to what the code reads), the {@link ValidatorData} in its compact form
 * (`compact.ts`), and a call to the shared engine.
 * The module contains no `eval`/`new Function` and imports only
 * `@bieumau/validator/runtime`, so it runs under a Content-Security-Policy
 * without `'unsafe-eval'` and gives exactly the runtime validator's results.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { makeDirectory } from '@bieumau/definitions/node';
import { join } from 'node:path';
import { _ } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import type { Definition } from '@bieumau/core';
import { addDefinition, createAjv } from './ajv.js';
import { buildValidatorData } from './data.js';
import { compactData } from './compact.js';
import { deriveSchemaPath } from './schema-paths.js';
import { shortenErrorSites } from './error-sites.js';
import { rowChecksSource } from './rule-code.js';
import type { SchemaPathTable } from './schema-paths.js';

export { shortenErrorSites } from './error-sites.js';

// CommonJS with `exports.default`; under Node's ESM interop the default import may be the module object.
type StandaloneCode = (ajv: Ajv2020, refs: Record<string, string>) => string;
const standaloneCode = ((standaloneCodeModule as unknown as { default?: StandaloneCode }).default ?? standaloneCodeModule) as unknown as StandaloneCode;

/** Options of {@link precompileValidator}. */
export interface PrecompileOptions {
  /** The specifier the module imports the engine from (default `@bieumau/validator/runtime`). */
  runtimeImport?: string;
}

/** ajv's runtime helpers, as the generated code requires them, and what replaces each (first match wins). */
const RUNTIME_REQUIRES: [RegExp, string][] = [
  [/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, '__rt.ucs2length'],
  [/require\("ajv\/dist\/runtime\/equal"\)\.default/g, '__rt.equal'],
  // Formats with an ES copy in the runtime (formats.ts); any other comes from the whole ajv-formats module.
  [/require\("ajv-formats\/dist\/formats"\)\.fullFormats\.uri(?![\w$-])/g, '__rt.formatUri'],
  [/require\("ajv-formats\/dist\/formats"\)\.fullFormats\.date(?![\w$-])/g, '__rt.formatDate'],
  [/require\("ajv-formats\/dist\/formats"\)\.fullFormats/g, '__rt.fullFormats'],
];

/** Index just past the JSON value starting at `start` (strings may hold any bracket). */
function jsonEnd(src: string, start: number): number {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const ch = src[i];
    if (ch === '"') {
      for (i++; src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      if (--depth === 0) return i + 1;
    }
  }
  throw new Error('Unterminated schema constant in generated code');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * ajv's standalone code embeds whole schema objects (`const schema31 = {…}`)
 * although the code reads only parts of them: `enum` arrays (for error
 * params) and `properties` maps (only their keys, through
 * `Object.prototype.hasOwnProperty`). Keeps exactly those parts — keys of a
 * map read for membership with a `0` value — and drops constants nothing
 * reads. The code runs the same; the module loses most of the copy of the schema.
 */
export function pruneSchemaConstants(code: string): string {
  const hasOwn = /\b(func\d+) = Object\.prototype\.hasOwnProperty;/.exec(code)?.[1];
  const decl = /const (schema\d+) = /g;
  const found: { name: string; from: number; to: number; value: unknown }[] = [];
  for (let m = decl.exec(code); m; m = decl.exec(code)) {
    const start = m.index + m[0].length;
    if (code[start] !== '{' && code[start] !== '[') continue;
    const end = jsonEnd(code, start);
    found.push({ name: m[1]!, from: m.index, to: end + (code[end] === ';' ? 1 : 0), value: JSON.parse(code.slice(start, end)) as unknown });
    decl.lastIndex = end;
  }
  let out = code;
  for (const c of found.reverse()) {
    const rest = out.slice(0, c.from) + out.slice(c.to);
    const uses = [...rest.matchAll(new RegExp(`\\b${c.name}(?![\\w$])((?:\\.[A-Za-z_$][\\w$]*)*)(.{0,2})`, 'g'))];
    const keysOnly = new Set<string>();
    const whole = new Set<string>();
    for (const u of uses) {
      const path = u[1]!;
      // `func1.call(schema31.properties, key)`: a membership test.
      const before = rest.slice(Math.max(0, u.index! - 20), u.index!);
      if (hasOwn && before.endsWith(`${hasOwn}.call(`) && u[2] === ', ') keysOnly.add(path);
      else whole.add(path);
    }
    if (!uses.length) {
      out = rest;
      continue;
    }
    const pruned = whole.has('') ? undefined : prune(c.value, keysOnly, whole);
    if (pruned !== undefined) out = `${out.slice(0, c.from)}const ${c.name} = ${JSON.stringify(pruned)};${out.slice(c.to)}`;
  }
  return out;
}

/** The parts of `value` at `whole` paths, and the keys of the maps at `keysOnly` paths (`.a.b` paths); `undefined` when unsafe. */
function prune(value: unknown, keysOnly: Set<string>, whole: Set<string>): Record<string, unknown> | undefined {
  const get = (path: string): unknown =>
    path.split('.').slice(1).reduce<unknown>((v, k) => (isRecord(v) && Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined), value);
  const out: Record<string, unknown> = {};
  const put = (path: string, v: unknown) => {
    const keys = path.split('.').slice(1);
    let cur = out;
    for (let i = 0; i < keys.length - 1; i++) {
      const k = keys[i]!;
      if (!isRecord(cur[k])) Object.defineProperty(cur, k, { value: {}, enumerable: true, writable: true, configurable: true });
      cur = cur[k] as Record<string, unknown>;
    }
    Object.defineProperty(cur, keys[keys.length - 1]!, { value: v, enumerable: true, writable: true, configurable: true });
  };
  for (const path of keysOnly) {
    const v = get(path);
    // A `__proto__` key would not survive as an object literal key in the module.
    if (!isRecord(v) || Object.prototype.hasOwnProperty.call(v, '__proto__')) return undefined;
    put(path, Object.fromEntries(Object.keys(v).map((k) => [k, 0])));
  }
  // Whole values go in after the key sets (shortest first), replacing the `0` of a key they lie under.
  for (const path of [...whole].sort((x, y) => x.length - y.length)) put(path, structuredClone(get(path)));
  return JSON.stringify(out).includes('"__proto__"') ? undefined : out;
}

/** An error object of ajv's generated code: its instancePath expression, schemaPath literal and keyword. */
const ERROR_SITE = /\{instancePath(?::(instancePath(?:\+"[^"\\]*"| \+ i\d+)*))?,schemaPath:"([^"\\]*)",keyword:"(\w+)"/g;

/**
 * The instance path an error site reports with every array index (`i<n>`)
 * set to 0, or `undefined` when the expression is not literals and whole
 * index segments (ajv's code runs from the root, with `instancePath` "").
 */
function sitePath(expr: string | undefined): string | undefined {
  if (expr === undefined || expr === 'instancePath') return '';
  let path = '';
  let afterIndex = false;
  for (const part of expr.slice('instancePath'.length).matchAll(/\+"([^"\\]*)"| \+ (i\d+)/g)) {
    if (part[2] !== undefined) {
      // An index must be a whole segment: `/` before it, and `/` or the end after it.
      if (!path.endsWith('/') || afterIndex) return undefined;
      path += '0';
      afterIndex = true;
    } else {
      const lit = part[1]!;
      if (!/^[\w$./-]*$/.test(lit) || (afterIndex && !lit.startsWith('/'))) return undefined;
      path += lit;
      afterIndex = false;
    }
  }
  return path;
}

/**
 * Leaves out of ajv's generated code every schemaPath literal that
 * {@link deriveSchemaPath} rebuilds exactly from the site's instance path,
 * keyword and the returned table (a base per template prefix, found from the
 * sites themselves). Each dropped literal is checked against the derivation
 * with the final table; a site that does not match keeps its literal. Only
 * for code with one validation function (instance paths from the root).
 */
export function elideSchemaPaths(code: string): { code: string; table: SchemaPathTable } {
  if ((code.match(/\bfunction\b/g) ?? []).length !== 1) return { code, table: [] };
  const sites = [...code.matchAll(ERROR_SITE)].map((m) => ({ m, path: sitePath(m[1]), sp: m[2]!, keyword: m[3]! }));
  const table = new Map<string, string>();
  for (const s of sites) {
    if (s.path === undefined || !s.sp.endsWith('/' + s.keyword)) continue;
    const tmpl = (s.path === '' ? [] : s.path.slice(1).split('/')).map((t) => (/^\d+$/.test(t) ? '*' : t));
    // The shortest prefix whose remainder the derivation spells out: one base serves the most sites.
    for (let k = 0; k <= tmpl.length; k++) {
      let rest = '';
      for (let i = k; i < tmpl.length; i++) rest += tmpl[i] === '*' ? '/items' : '/properties/' + tmpl[i];
      const tail = `${rest}/${s.keyword}`;
      if (!s.sp.endsWith(tail)) continue;
      const key = k === 0 ? '' : '/' + tmpl.slice(0, k).join('/');
      if (!table.has(key)) table.set(key, s.sp.slice(0, s.sp.length - tail.length));
      break;
    }
  }
  // The commonest stem of one-key prefixes becomes the default (`*`), and the entries it spells out leave the table.
  const stems = new Map<string, number>();
  for (const [key, base] of table) {
    const seg = key.slice(1);
    if (key !== '' && !seg.includes('/') && base.endsWith(seg)) stems.set(base.slice(0, base.length - seg.length), (stems.get(base.slice(0, base.length - seg.length)) ?? 0) + 1);
  }
  const stem = [...stems].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (stem !== undefined) {
    for (const [key, base] of table) if (key !== '' && !key.slice(1).includes('/') && base === stem + key.slice(1)) table.delete(key);
    table.set('*', stem);
  }
  let out = '';
  let last = 0;
  for (const s of sites) {
    if (s.path === undefined || deriveSchemaPath(table, s.path, s.keyword) !== s.sp) continue;
    const at = s.m.index! + s.m[0].indexOf(',schemaPath:');
    out += code.slice(last, at);
    last = at + ',schemaPath:"'.length + s.sp.length + 1;
  }
  out += code.slice(last);
  // Only the bases some dropped site uses would do, but a base nothing uses costs a few bytes and changes no result.
  return { code: out, table: [...table] };
}

/**
 * Generates the source of a standalone ESM validator module for one
 * definition. Its default export is a {@link Validator} with the runtime
 * API. Throws when the definition does not compile (check it with
 * `validateDefinition` first) or when ajv emits a runtime helper we do not map.
 */
export function precompileValidator(definition: Definition, options: PrecompileOptions = {}): string {
  const runtime = options.runtimeImport ?? '@bieumau/validator/runtime';
  // Formats are referenced, not inlined: ajv emits `require(…)` which we rewrite to the runtime's ESM copy.
  const ajv = createAjv({ source: true, esm: true, formats: _`require("ajv-formats/dist/formats").fullFormats` });
  addDefinition(ajv, definition, { annotations: false });
  const data = buildValidatorData(definition);
  const names: Record<string, string> = { schemaRoot: definition.id };
  let code = standaloneCode(ajv, names);
  for (const [from, to] of RUNTIME_REQUIRES) code = code.replace(from, to);
  code = pruneSchemaConstants(code);
  const elided = elideSchemaPaths(code);
  code = shortenErrorSites(elided.code);
  const left = /require\([^)]*\)/.exec(code);
  if (left) throw new Error(`Generated code requires ${left[0]}, which the runtime does not provide`);
  if (/\bnew Function\b|\beval\(/.test(code)) throw new Error('Generated code evaluates strings');
  // Row checks of table rules as code (rule-code.ts): written out here, so no string is evaluated.
  const checks = rowChecksSource(data.rules);
  const header = `// Generated by @bieumau/validator/precompile for ${data.info.form}@${data.info.version}/${data.info.variant}. Do not edit.\n`;
  return (
    header +
    `import * as __rt from ${JSON.stringify(runtime)};\n` +
    // Data before code: the code's property names and option values then find their earlier
    // copies in the data within gzip's 32 KB window (1.5 % smaller for annual-ict 2019/province).
    `const __data = ${JSON.stringify(compactData(data))};\n` +
    // Local bindings of the error helpers, which a minifier shortens to one letter each.
    (/\b__addError(Object|At)?\b/.test(code) ? 'const __addError = __rt.addError, __addErrorAt = __rt.addErrorAt, __addErrorObject = __rt.addErrorObject;\n' : '') +
    // ajv exports the raw schema function as `schemaRoot`; the module's API is its default export only.
    code.replace(/^"use strict";/, '').replace(/\bexport const schemaRoot = /, 'const schemaRoot = ') +
    `\n/** The validator of ${data.info.form}@${data.info.version}/${data.info.variant}. */\n` +
    (checks ? `const __rowChecks = __rt.rowChecks(${checks});\n` : '') +
    `const validator = __rt.createEngine(__rt.expandData(__data), { root: schemaRoot${elided.table.length ? `, schemaPaths: ${JSON.stringify(elided.table)}` : ''}${checks ? ', rowChecks: __rowChecks' : ''} });\n` +
    `export default validator;\n`
  );
}

/** The module file name of a definition: `<form>-<version>-<variant>.js`. */
export function precompiledFileName(definition: Definition): string {
  const f = definition.info;
  return `${f.form}-${f.version}-${f.variant}.js`;
}

/** Writes one precompiled module per definition into `outDir`; returns the files written. */
export function writePrecompiled(definitions: readonly Definition[], outDir: string, options: PrecompileOptions = {}): string[] {
  makeDirectory(outDir);
  return definitions.map((d) => {
    const file = join(outDir, precompiledFileName(d));
    writeFileSync(file, precompileValidator(d, options));
    // Types for TypeScript consumers: the default export is a Validator.
    const runtime = options.runtimeImport ?? '@bieumau/validator/runtime';
    writeFileSync(file.replace(/\.js$/, '.d.ts'), `import type { Validator } from ${JSON.stringify(runtime)};\ndeclare const validator: Validator;\nexport default validator;\n`);
    return file;
  });
}

/**
 * `new-version`: scaffolds the next version of a form from the latest one, so
 * a maintainer edits only what changed. Copies the version folder and shifts
 * what ties it to its year: `$id`s and `$ref`s, `bmForm` (version, previous,
 * window, deadline), the `definition` reference's `version` const, years in
 * labels, messages and the English catalogue, the reporting year inside rule
 * expressions; writes an empty migration, a README stub and a changeset.
 * Samples are carried over with their `definition.version` updated.
 * @module
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { getAt, parsePointer } from '@bieumau/core';
import { makeDirectory } from '@bieumau/definitions/node';
import type { SchemaObject } from '@bieumau/core';
import { compareVersions } from './workspace.js';

/** Options of {@link scaffoldVersion}. */
export interface ScaffoldOptions {
  /** The definitions folder (`definitions/`). */
  root: string;
  form: string;
  version: string;
  /** Version to start from (default: the latest older version). */
  from?: string;
  /** Where to write the changeset (default: `.changeset` next to `root`). */
  changesetDir?: string;
}

/** What {@link scaffoldVersion} did. */
export interface ScaffoldResult {
  ok: boolean;
  from?: string;
  dir?: string;
  /** Files written, relative to the current directory's view of `root`'s parent. */
  files: string[];
  /** Things the maintainer should look at (years shifted, files skipped). */
  notes: { code: string; params: Record<string, unknown> }[];
  /** Why nothing was written. */
  error?: { code: string; params: Record<string, unknown> };
}

const TEXT_KEYS = new Set(['title', 'description', 'bmFootnote', 'message']);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function shiftDate(date: unknown, delta: number): unknown {
  if (typeof date !== 'string') return date;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const y = Number(m[1]) + delta;
  let d = m[3]!;
  if (m[2] === '02' && d === '29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) d = '28';
  return `${y}-${m[2]}-${d}`;
}

/**
 * Shifts the reporting year and the year after it (the next year's plan) in a
 * text. The year before is left alone: in labels it dates legal documents
 * ("Quyết định 877/QĐ-TTg ngày 18/7/2018"), which do not move.
 */
function shiftYears(text: string, oldYear: number, delta: number, count: { n: number }): string {
  // Periods such as "giai đoạn 2016-2020" name a plan, not the reporting year: left alone.
  return text
    .split(/((?<!\d)\d{4}\s*[-–]\s*\d{4}(?!\d))/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(?<![\d.,])(\d{4})(?!\d)/g, (whole, y: string) => {
            const n = Number(y);
            if (n < oldYear || n > oldYear + 1) return whole;
            count.n++;
            return String(n + delta);
          }),
    )
    .join('');
}

/**
 * Creates `<root>/<form>/<version>/` from the latest older version. Refuses
 * (without writing anything) when the target exists or no source is found.
 */
export function scaffoldVersion(options: ScaffoldOptions): ScaffoldResult {
  const { root, form, version } = options;
  const notes: ScaffoldResult['notes'] = [];
  const fail = (code: string, params: Record<string, unknown>): ScaffoldResult => ({ ok: false, files: [], notes, error: { code, params } });
  if (!/^[a-z][a-z0-9-]*$/.test(form)) return fail('badForm', { form });
  if (!/^\d{4}(\.\d+)?$/.test(version)) return fail('badVersion', { version });
  const formDir = join(root, form);
  if (!existsSync(formDir) || !statSync(formDir).isDirectory()) return fail('unknownForm', { form, root });
  const versions = readdirSync(formDir).filter((v) => /^\d{4}(\.\d+)?$/.test(v) && statSync(join(formDir, v)).isDirectory()).sort(compareVersions);
  const from = options.from ?? versions.filter((v) => compareVersions(v, version) < 0).pop();
  if (!from || !versions.includes(from)) return fail('noSource', { form, version, from: from ?? null, versions });
  if (compareVersions(from, version) >= 0) return fail('notNewer', { form, from, version });
  const dir = join(formDir, version);
  if (existsSync(dir)) return fail('exists', { dir });
  const src = join(formDir, from);

  const oldYear = Number(from.split('.')[0]);
  const delta = Number(version.split('.')[0]) - oldYear;
  const count = { n: 0 };
  const texts = (s: string) => (delta ? shiftYears(s, oldYear, delta, count) : s);

  // Schemas: every top-level JSON file with a $id.
  const out = new Map<string, string>();
  const schemas = new Map<string, SchemaObject>();
  for (const f of readdirSync(src).sort()) {
    if (!f.endsWith('.json') || f.startsWith('migration')) continue;
    const doc = JSON.parse(readFileSync(join(src, f), 'utf8')) as SchemaObject;
    if (typeof doc.$id !== 'string') {
      notes.push({ code: 'skipped', params: { file: f } });
      continue;
    }
    schemas.set(f, doc);
  }
  const oldBase = [...schemas.values()].map((s) => s.$id!).find((id) => id.includes(`/${form}/${from}/`));
  const base = oldBase?.slice(0, oldBase.lastIndexOf(`/${form}/${from}/`));
  const rebase = (s: string) => (base ? s.split(`${base}/${form}/${from}/`).join(`${base}/${form}/${version}/`) : s);
  let ruleYears = 0;

  const rewrite = (v: unknown, key: string | undefined, inLogic: boolean): unknown => {
    if (typeof v === 'string') {
      if (key === '$id' || key === '$ref') return rebase(v);
      if (key !== undefined && TEXT_KEYS.has(key)) return texts(v);
      return v;
    }
    if (typeof v === 'number') {
      if (inLogic && v === oldYear && delta) {
        ruleYears++;
        return v + delta;
      }
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => rewrite(x, key === 'enum' || key === 'const' ? key : undefined, inLogic));
    if (isObject(v)) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === 'bmOptionTitles' && isObject(x)) o[k] = Object.fromEntries(Object.entries(x).map(([ok, ov]) => [ok, typeof ov === 'string' ? texts(ov) : ov]));
        else if (k === 'bmHeaderGroups') o[k] = rewriteGroups(x);
        else o[k] = rewrite(x, k, inLogic || k === 'assert' || k === 'when' || k === 'params' || k === 'bmCompute');
      }
      return o;
    }
    return v;
  };
  const rewriteGroups = (g: unknown): unknown =>
    Array.isArray(g) ? g.map((x) => (isObject(x) ? { ...x, ...(typeof x.title === 'string' ? { title: texts(x.title) } : {}), ...(Array.isArray(x.columns) ? { columns: rewriteGroups(x.columns) } : {}) } : x)) : g;

  const rewritten = new Map<string, SchemaObject>();
  for (const [f, doc] of schemas) {
    const r = rewrite(doc, undefined, false) as SchemaObject;
    if (isObject(r.bmForm)) {
      const info = { ...(r.bmForm as unknown as Record<string, unknown>) };
      info.version = version;
      info.previous = from;
      if (isObject(info.window)) info.window = { ...info.window, from: shiftDate(info.window.from, delta), to: shiftDate(info.window.to, delta) };
      if (info.deadline !== undefined) info.deadline = shiftDate(info.deadline, delta);
      // Keep key order: version, then previous right after it if it was absent.
      r.bmForm = info as unknown as SchemaObject['bmForm'];
      if (Array.isArray(info.basis)) notes.push({ code: 'basis', params: { file: f, basis: info.basis } });
    }
    rewritten.set(f, r);
  }
  // The `definition` property's version const, wherever its $ref leads.
  for (const [f, r] of rewritten) {
    if (!isObject(r.bmForm)) continue;
    const def = r.properties?.definition;
    if (!def) continue;
    let target: SchemaObject | undefined = def;
    let targetFile = f;
    for (let i = 0; i < 8 && target && typeof target.$ref === 'string'; i++) {
      const [file, pointer] = target.$ref.split('#') as [string, string | undefined];
      const name = file === '' ? targetFile : file.slice(file.lastIndexOf('/') + 1);
      const doc = rewritten.get(name);
      targetFile = name;
      target = doc ? (getAt(doc, parsePointer(pointer ?? '')) as SchemaObject | undefined) : undefined;
    }
    const versionSchema = target?.properties?.version;
    if (versionSchema && 'const' in versionSchema) versionSchema.const = version;
    else notes.push({ code: 'noDefinitionConst', params: { file: f } });
  }
  for (const [f, r] of rewritten) out.set(f, JSON.stringify(r, null, 2) + '\n');

  // Catalogues: keys are relative to the folder, so they stay; texts shift like the schemas'.
  const i18n = join(src, 'i18n');
  if (existsSync(i18n)) {
    for (const f of readdirSync(i18n).filter((x) => x.endsWith('.json')).sort()) {
      const cat = JSON.parse(readFileSync(join(i18n, f), 'utf8')) as { texts?: Record<string, string> };
      if (isObject(cat.texts)) {
        cat.texts = Object.fromEntries(Object.entries(cat.texts).map(([k, v]) => [k, typeof v === 'string' ? texts(v) : v]));
        for (const k of Object.keys(cat.texts)) {
          const file = k.slice(0, k.indexOf('#'));
          if (!rewritten.has(file)) notes.push({ code: 'catalogueKey', params: { file: `i18n/${f}`, key: k } });
        }
      }
      out.set(`i18n/${f}`, JSON.stringify(cat, null, 2) + '\n');
    }
  }

  // Samples and fixtures, retargeted at the new version.
  for (const sub of ['samples', 'fixtures']) {
    const d = join(src, sub);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) {
      if (!f.endsWith('.json')) {
        notes.push({ code: 'skipped', params: { file: `${sub}/${f}` } });
        continue;
      }
      const doc = JSON.parse(readFileSync(join(d, f), 'utf8')) as unknown;
      const retarget = (x: unknown) => {
        if (isObject(x) && isObject(x.definition) && x.definition.version === from) x.definition = { ...x.definition, version };
      };
      if (sub === 'samples') retarget(doc);
      else if (Array.isArray(doc)) for (const c of doc) if (isObject(c)) retarget(c.data);
      out.set(`${sub}/${f}`, JSON.stringify(doc, null, 2) + '\n');
    }
  }

  out.set(
    'migration.json',
    JSON.stringify({ $schema: 'https://bieumau.github.io/schemas/migration.json', form, from, to: version, description: `Từ ${form}@${from} sang ${version}: mọi trường giữ nguyên khóa được chuyển nguyên. Thêm các thao tác cho những gì thay đổi (docs/migrations.md).`, operations: [] }, null, 2) + '\n',
  );
  out.set(
    'README.md',
    [
      `# ${form} ${version}`,
      '',
      `Made from [${from}](../${from}/README.md) with \`bieumau new-version ${form} ${version}\`.`,
      '',
      '## Sources',
      '',
      '- TODO: the documents that issue this version of the form.',
      '',
      `## Changes from ${from}`,
      '',
      `- TODO: what changed and why. \`bieumau diff ${form}@${from} ${form}@${version}\` lists every change.`,
      '',
    ].join('\n'),
  );
  if (count.n) notes.push({ code: 'yearsShifted', params: { count: count.n, delta } });
  if (ruleYears) notes.push({ code: 'ruleYearsShifted', params: { count: ruleYears, from: oldYear, to: oldYear + delta } });

  // Write everything only now, so a failure above leaves nothing behind.
  const files: string[] = [];
  for (const [name, content] of out) {
    const p = join(dir, name);
    makeDirectory(dirname(p));
    writeFileSync(p, content, { flag: 'wx' });
    files.push(p);
  }
  const changesetDir = options.changesetDir ?? join(dirname(root), '.changeset');
  makeDirectory(changesetDir);
  const cs = join(changesetDir, `${form}-${version.replace(/\./g, '-')}.md`);
  if (!existsSync(cs)) {
    writeFileSync(
      cs,
      [
        '---',
        '"@bieumau/definitions": minor',
        '---',
        '',
        `Add \`${form}@${version}\`, made from \`${form}@${from}\`.`,
        '',
        `- What: TODO (\`bieumau diff ${form}@${from} ${form}@${version}\` lists every change).`,
        '- Why: TODO (the document that issues the new form).',
        `- How to migrate: \`bieumau migrate <report.json> --to ${version}\` carries ${from} reports forward (\`definitions/${form}/${version}/migration.json\`).`,
        '',
      ].join('\n'),
      { flag: 'wx' },
    );
    files.push(cs);
  } else notes.push({ code: 'changesetExists', params: { file: relative(process.cwd(), cs) } });
  return { ok: true, from, dir, files, notes };
}

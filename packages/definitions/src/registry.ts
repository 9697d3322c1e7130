/**
 * A registry of definitions: list them, get one by form, version and
 * variant, and find the one a report names. The published definitions are
 * one registry ({@link registry}); a portal can build its own from any
 * sources (its own appendix, a new year's draft) with {@link createRegistry}.
 * @module
 */
import { createDefinition, definitionRefOf } from '@bieumau/core';
import type { Catalogue, Definition, DefinitionRef, Lang, PeriodKind, ReportError, SchemaObject } from '@bieumau/core';

/** What a registry knows about a definition before loading it. */
export interface DefinitionSummary {
  form: string;
  version: string;
  variant: string;
  /** `$id` of the root schema. */
  id: string;
  title: string;
  titleEn?: string;
  formNumber?: string;
  period: PeriodKind;
}

/** The files of one form version: every schema in the folder and its catalogues. */
export interface VersionFiles {
  resources: SchemaObject[];
  catalogues: Partial<Record<Lang, Catalogue>>;
}

/** A source of definitions: summaries known up front, files loaded on demand. */
export interface DefinitionSource {
  summaries: readonly DefinitionSummary[];
  /** Loads the files of `form@version` (every variant shares them). */
  load(form: string, version: string): Promise<VersionFiles> | VersionFiles;
}

/** The outcome of looking a definition up. */
export type Lookup = { ok: true; definition: Definition } | { ok: false; error: ReportError };

/** A set of definitions. */
export interface Registry {
  /** Every definition, sorted by form, version, variant. */
  list(): DefinitionSummary[];
  /** Loads a definition; resolves to a located `bmUnknownDefinition` error naming what exists when there is none. */
  find(ref: DefinitionRef): Promise<Lookup>;
  /** Like {@link Registry.find} but throws the error's message. */
  get(ref: DefinitionRef): Promise<Definition>;
  /** Finds the definition a report names in its `definition` property. */
  forReport(report: unknown): Promise<Lookup>;
  /** The latest version of a form (by version string order). */
  latest(form: string, variant: string): DefinitionSummary | undefined;
}

/** Compares version strings numerically (`2019` < `2019.1` < `2022`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Builds a summary from a root schema. */
export function summarize(root: SchemaObject, catalogue?: Catalogue): DefinitionSummary {
  const f = root.bmForm!;
  const file = root.$id!.slice(root.$id!.lastIndexOf('/') + 1);
  const s: DefinitionSummary = { form: f.form, version: f.version, variant: f.variant, id: root.$id!, title: root.title ?? f.form, period: f.period };
  const en = catalogue?.texts[`${file}#/title`];
  if (en) s.titleEn = en;
  if (f.formNumber) s.formNumber = f.formNumber;
  return s;
}

/** Creates a registry over one or more sources (later sources do not override earlier ones). */
export function createRegistry(...sources: DefinitionSource[]): Registry {
  const entries = new Map<string, { summary: DefinitionSummary; source: DefinitionSource }>();
  for (const source of sources) {
    for (const summary of source.summaries) {
      const key = `${summary.form}@${summary.version}/${summary.variant}`;
      if (!entries.has(key)) entries.set(key, { summary, source });
    }
  }
  const cache = new Map<string, Promise<Definition>>();
  const list = () =>
    [...entries.values()]
      .map((e) => e.summary)
      .sort((a, b) => a.form.localeCompare(b.form) || compareVersions(a.version, b.version) || a.variant.localeCompare(b.variant));

  const unknown = (ref: DefinitionRef): ReportError => {
    const all = list();
    const forms = [...new Set(all.map((s) => s.form))];
    const versions = all.filter((s) => s.form === ref.form).map((s) => `${s.version}/${s.variant}`);
    const available = versions.length ? versions : forms;
    return {
      instancePath: '/definition',
      keyword: 'bmUnknownDefinition',
      severity: 'error',
      params: { form: ref.form, version: ref.version, variant: ref.variant, available },
      message: versions.length
        ? `Không có định nghĩa ${ref.form}@${ref.version}/${ref.variant}; hiện có: ${versions.join(', ')}`
        : `Không có biểu mẫu "${ref.form}"; hiện có: ${forms.join(', ')}`,
    };
  };

  const find = async (ref: DefinitionRef): Promise<Lookup> => {
    const key = `${ref.form}@${ref.version}/${ref.variant}`;
    const entry = entries.get(key);
    if (!entry) return { ok: false, error: unknown(ref) };
    let p = cache.get(key);
    if (!p) {
      p = Promise.resolve(entry.source.load(ref.form, ref.version)).then((files) =>
        createDefinition({ resources: files.resources, root: entry.summary.id, catalogues: files.catalogues }),
      );
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    return { ok: true, definition: await p };
  };

  return {
    list,
    find,
    async get(ref) {
      const r = await find(ref);
      if (!r.ok) throw new Error(r.error.message);
      return r.definition;
    },
    async forReport(report) {
      const ref = definitionRefOf(report);
      if (!ref) {
        return {
          ok: false,
          error: {
            instancePath: '/definition',
            keyword: 'bmMissingDefinition',
            severity: 'error',
            params: {},
            message: 'Báo cáo không ghi rõ biểu mẫu: cần thuộc tính "definition" với form, version và variant',
          },
        };
      }
      return find(ref);
    },
    latest(form, variant) {
      return list()
        .filter((s) => s.form === form && s.variant === variant)
        .sort((a, b) => compareVersions(b.version, a.version))[0];
    },
  };
}

/** A source over files already in memory, e.g. a portal's own definitions. */
export function memorySource(folders: readonly VersionFiles[]): DefinitionSource {
  const byVersion = new Map<string, VersionFiles>();
  const summaries: DefinitionSummary[] = [];
  for (const files of folders) {
    for (const r of files.resources) {
      if (!r.bmForm) continue;
      summaries.push(summarize(r, files.catalogues.en));
      byVersion.set(`${r.bmForm.form}@${r.bmForm.version}`, files);
    }
  }
  return {
    summaries,
    load(form, version) {
      const files = byVersion.get(`${form}@${version}`);
      if (!files) throw new Error(`No files for ${form}@${version}`);
      return files;
    },
  };
}

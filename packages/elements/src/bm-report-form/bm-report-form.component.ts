import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { buildModel, escapeToken, evaluateLogic, formatDate, getAt, parentPointer, templateOf, walkFields } from '@bieumau/core';
import type { Definition, FieldNode, FormModel, Lang, ReportError } from '@bieumau/core';
import { registry as publishedRegistry } from '@bieumau/definitions';
import type { Registry } from '@bieumau/definitions';
import '../bm-field/bm-field.js';
import '../bm-table/bm-table.js';
import '../bm-error-summary/bm-error-summary.js';
import type { BmField } from '../bm-field/bm-field.component.js';
import type { BmTable } from '../bm-table/bm-table.component.js';
import { draftKey, openDraftStore } from '../shared/drafts.js';
import type { DraftRecord, DraftStore } from '../shared/drafts.js';
import { BmChangeEvent, BmErrorSelectEvent, BmInputEvent, BmSubmitEvent, BmValidateEvent } from '../shared/events.js';
import type { Edit, UnreadText, ValidationResult } from '../shared/events.js';
import { loadExcel } from '../shared/excel.js';
import type { ExcelCodec } from '../shared/excel.js';
import { setPointer, within } from '../shared/immutable.js';
import { t, toLang } from '../shared/strings.js';
import { errorTarget, inputProblem, validityFlags } from '../shared/validation.js';
import type { ReportValidator, ValidatorRuleInfo } from '../shared/validation.js';
import { formStyles, pageStyles } from './bm-report-form.styles.js';

type Report = Record<string, unknown>;

const EMPTY: readonly ReportError[] = Object.freeze([]);
/** Debounce of the full validation, form value and validity after typing. */
const SETTLE_MS = 300;
/** Debounce of draft saving. */
const AUTOSAVE_MS = 800;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A whole bieumau report form, rendered from a definition: the official
 * header, section navigation with progress, every field kind, tables with
 * paging and paste from Excel, live validation with an error summary,
 * drafts, Excel import and export, and print in the official A4 layout.
 *
 * Give it a definition (`definition` property) or let it look one up by the
 * `form`, `version` and `variant` attributes in the published registry (or
 * the `registry` property). `value` is the report JSON.
 *
 * Inside a `<form>` it is a form control (`ElementInternals`): it submits the
 * report JSON under its `name`, takes part in reset and disabled fieldsets,
 * and reports validity with flags mapped from the error keywords.
 *
 * @summary The whole report form for a bieumau definition.
 * @tag bm-report-form
 *
 * @fires {BmInputEvent} input - on every edit; `edits` lists pointers and values.
 * @fires {BmChangeEvent} change - when an edit is committed.
 * @fires {BmValidateEvent} bm-validate - after a full validation; `result` has errors and warnings.
 * @fires {BmSubmitEvent} bm-submit - when a valid report is sent; `report` is the JSON. Cancelable (keeps the draft).
 * @fires {Event} bm-draft-saved - after a draft was saved (with `autosave`).
 *
 * @slot header - Content above the form title (a portal's banner, instructions).
 * @slot actions - Extra buttons next to "Send report".
 *
 * @csspart form - The whole form.
 * @csspart header - The official header block (agency, national motto, form number, title).
 * @csspart toolbar - Import, export, check, print buttons.
 * @csspart nav - Section navigation.
 * @csspart section - A section.
 * @csspart section-title - A section heading.
 * @csspart button - Every button of the form.
 * @csspart submit - The send button.
 * @csspart draft - The draft restore banner.
 * @csspart signature - The printed signature block.
 * @csspart field - Forwarded from each `<bm-field>`.
 * @csspart label - Forwarded from each `<bm-field>`.
 * @csspart control - Forwarded from each `<bm-field>` and `<bm-table>`.
 * @csspart message - Forwarded from each `<bm-field>` and `<bm-table>`.
 * @csspart table - Forwarded from each `<bm-table>`.
 * @csspart summary - Forwarded from `<bm-error-summary>`.
 *
 * @cssprop --bm-color-primary - Accent: buttons, links, codes (default #0b4f9c).
 * @cssprop --bm-color-primary-contrast - Text on primary buttons.
 * @cssprop --bm-color-text - Text colour.
 * @cssprop --bm-color-muted - Secondary text.
 * @cssprop --bm-color-border - Borders of controls and tables.
 * @cssprop --bm-color-surface - Background of controls.
 * @cssprop --bm-color-surface-alt - Background of the navigation and computed values.
 * @cssprop --bm-color-error - Errors.
 * @cssprop --bm-color-warning - Warnings.
 * @cssprop --bm-color-focus - Focus outline (GOV.UK yellow by default).
 * @cssprop --bm-font-family - Print font (official forms are set in Times New Roman).
 * @cssprop --bm-ui-font-family - Screen font.
 * @cssprop --bm-font-size - Base font size.
 * @cssprop --bm-radius - Corner radius.
 * @cssprop --bm-space - Base spacing unit.
 * @cssprop --bm-nav-width - Width of the section navigation.
 */
export class BmReportForm extends LitElement {
  static formAssociated = true;

  /**
   * Finds a validator for a definition when the `validator` property is not
   * set — e.g. a map of precompiled modules loaded on demand (the prebuilt
   * browser bundle sets one for every published definition).
   */
  static validatorLoader: ((info: FormModel['info']) => Promise<ReportValidator | undefined> | ReportValidator | undefined) | undefined;
  /** Styles of the element's shadow root; theme it with the documented custom properties and parts. */
  static override styles = formStyles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    definition: { attribute: false },
    form: { type: String },
    version: { type: String },
    variant: { type: String },
    registry: { attribute: false },
    validator: { attribute: false },
    lang: { type: String, reflect: true },
    name: { type: String, reflect: true },
    disabled: { type: Boolean, reflect: true },
    autosave: { type: Boolean },
    agency: { type: String },
    pageSize: { type: Number, attribute: 'page-size' },
    noToolbar: { type: Boolean, attribute: 'no-toolbar' },
    model: { state: true },
    status: { state: true },
    loadError: { state: true },
    draft: { state: true },
    summary: { state: true },
    busy: { state: true },
  };

  /** The definition to render; takes precedence over `form`/`version`/`variant`. */
  declare definition: Definition | undefined;
  /** Form id to look up in {@link BmReportForm.registry} (e.g. `annual-ict`). */
  declare form: string | undefined;
  /** Version to look up (e.g. `2019`). */
  declare version: string | undefined;
  /** Variant to look up (e.g. `province`). */
  declare variant: string | undefined;
  /** Where `form`/`version`/`variant` are looked up; default: the published definitions. */
  declare registry: Registry | undefined;
  /**
   * Validates reports of the definition: a precompiled validator module of
   * `@bieumau/validator` (CSP-safe) or `createValidator(definition)`. Without
   * one the form still reads and checks what is typed, but cannot check the
   * schema and rules.
   */
  declare validator: ReportValidator | undefined;
  /** Language of labels and messages: `vi` (default, official) or `en`. */
  declare lang: string;
  /** Name under which the report JSON is submitted with a `<form>`. */
  declare name: string;
  declare disabled: boolean;
  /** Save drafts as the person types and offer to restore them (IndexedDB, localStorage fallback). */
  declare autosave: boolean;
  /** The agency drafts are saved for; default: the value of the definition's `agencyField`. */
  declare agency: string | undefined;
  /** Rows per page of tables. */
  declare pageSize: number;
  /** Hide the toolbar (import, export, check, print). */
  declare noToolbar: boolean;

  declare protected model: FormModel | undefined;
  declare protected status: string;
  declare protected loadError: string | undefined;
  declare protected draft: DraftRecord | undefined;
  declare protected summary: ValidationResult | undefined;
  declare protected busy: boolean;

  /** The report. Replaced, never mutated, on every edit (copy-on-write). */
  private report: Report = {};
  private defaultReport: Report | undefined;
  private texts = new Map<string, UnreadText>();
  private problems: ReportError[] = [];
  private touched = new Set<string>();
  private showAll = false;
  private visible = new Map<string, readonly ReportError[]>();
  private visibleDirty = true;
  private order = new Map<string, number>();
  private readonly internals: ElementInternals;
  private fieldsetDisabled = false;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private drafts: DraftStore | undefined;
  private savedKey: string | undefined;
  private loadToken = 0;
  private ownerForm: HTMLFormElement | null = null;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.lang = 'vi';
    this.name = '';
    this.disabled = false;
    this.autosave = false;
    this.pageSize = 25;
    this.noToolbar = false;
    this.status = '';
    this.busy = false;
  }

  // ---------------------------------------------------------------- value

  /**
   * The report JSON. Setting it replaces the report (a copy is kept: later
   * changes to the object you passed do not reach the form); reading it gives
   * the current report, which the form never mutates — each edit makes a new
   * object.
   */
  get value(): Report {
    return this.report;
  }
  set value(v: unknown) {
    this.setReport(isObject(v) ? (structuredClone(v) as Report) : {}, false);
  }

  /** The default report, from the `value` attribute (JSON); what {@link BmReportForm.reset} returns to. */
  get defaultValue(): Report {
    return this.defaultReport ?? this.emptyReport();
  }
  set defaultValue(v: unknown) {
    this.defaultReport = isObject(v) ? (structuredClone(v) as Report) : undefined;
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'value'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'value') {
      try {
        this.defaultReport = value ? (JSON.parse(value) as Report) : undefined;
      } catch {
        this.defaultReport = undefined;
      }
      if (!this.touched.size) this.setReport(structuredClone(this.defaultValue), false);
      return;
    }
    super.attributeChangedCallback(name, old, value);
  }

  private emptyReport(): Report {
    const info = this.model?.info;
    return info ? { definition: { form: info.form, version: info.version, variant: info.variant } } : {};
  }

  private withDefinitionRef(r: Report): Report {
    const info = this.model?.info;
    if (!info || isObject(r.definition)) return r;
    return { definition: { form: info.form, version: info.version, variant: info.variant }, ...r };
  }

  private setReport(r: Report, keepUi: boolean): void {
    this.report = this.withDefinitionRef(r);
    if (!keepUi) {
      this.texts = new Map();
      this.touched = new Set();
      this.showAll = false;
      this.summary = undefined;
      this.problems = [];
    }
    this.visibleDirty = true;
    this.requestUpdate();
    this.settle(true);
  }

  // ---------------------------------------------------------------- lifecycle

  private get l(): Lang {
    return toLang(this.lang);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptPageStyles();
    window.addEventListener('pagehide', this.flushDraft);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.flushDraft);
    this.flushDraft();
    clearTimeout(this.settleTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('definition') || changed.has('form') || changed.has('version') || changed.has('variant') || changed.has('registry')) {
      void this.load();
    }
    if (changed.has('validator') || changed.has('lang')) {
      this.settle(true);
    }
  }

  private async load(): Promise<void> {
    const token = ++this.loadToken;
    this.loadError = undefined;
    let def = this.definition;
    if (!def) {
      if (!this.form || !this.version || !this.variant) {
        this.model = undefined;
        return;
      }
      this.status = t(this.l, 'loading');
      try {
        const found = await (this.registry ?? publishedRegistry).find({ form: this.form, version: this.version, variant: this.variant });
        if (token !== this.loadToken) return;
        if (!found.ok) {
          this.loadError = found.error.message ?? found.error.keyword;
          this.status = '';
          return;
        }
        def = found.definition;
      } catch (e) {
        if (token === this.loadToken) this.loadError = (e as Error).message;
        return;
      }
    }
    try {
      const model = buildModel(def);
      if (token !== this.loadToken) return;
      this.model = model;
      this.order = new Map();
      let i = 0;
      for (const n of walkFields(model)) this.order.set(n.template, i++);
      this.status = '';
      this.report = this.withDefinitionRef(Object.keys(this.report).length ? this.report : structuredClone(this.defaultValue));
      this.visibleDirty = true;
      this.settle(true);
      if (this.autosave) void this.lookForDraft();
      const loader = (this.constructor as typeof BmReportForm).validatorLoader;
      if (!this.validator && loader) {
        void Promise.resolve(loader(model.info)).then((v) => {
          if (v && !this.validator && token === this.loadToken) this.validator = v;
        }, () => undefined);
      }
    } catch (e) {
      if (token === this.loadToken) this.loadError = (e as Error).message;
    }
  }

  // ---------------------------------------------------------------- edits

  private onEdit(e: Event): void {
    if (!(e instanceof BmInputEvent) && !(e instanceof BmChangeEvent)) {
      // Native events of our own controls (file input, selects) stay inside.
      if (e.type === 'input' || e.type === 'change') e.stopPropagation();
      return;
    }
    if (e instanceof BmChangeEvent) {
      // The input event already applied the same edits; a commit only settles.
      this.settle(false, !this.validator?.validateField);
      return;
    }
    this.applyEdits(e.edits);
  }

  /** Applies edits to the report and re-checks what they touch. */
  private applyEdits(edits: readonly Edit[]): void {
    let r = this.report;
    const checks = new Set<string>();
    for (const edit of edits) {
      const p = edit.pointer;
      if (edit.part === 'value') {
        for (const k of [...this.texts.keys()]) if (within(k, p)) this.texts.delete(k);
        if (edit.text !== undefined && edit.problem) {
          this.texts.set(p, { text: edit.text, problem: edit.problem });
          r = setPointer(r, p, undefined);
        } else {
          r = setPointer(r, p, edit.value);
        }
        checks.add(p);
      } else {
        const map = isObject(r[edit.part]) ? { ...(r[edit.part] as Record<string, unknown>) } : {};
        if (edit.value === undefined) delete map[p];
        else map[p] = edit.value;
        r = { ...r };
        if (Object.keys(map).length) r[edit.part] = map;
        else delete r[edit.part];
        checks.add(p);
        checks.add(`/${edit.part}/${escapeToken(p)}`);
      }
      this.touched.add(edit.pointer);
    }
    this.report = r;
    this.validateIncrementally([...checks]);
    this.visibleDirty = true;
    this.requestUpdate();
    this.scheduleSettle();
    this.scheduleDraft();
  }

  private validateIncrementally(pointers: string[]): void {
    const v = this.validator;
    if (!v?.validateField) return;
    const rules = (v as { data?: { rules?: ValidatorRuleInfo[] } }).data?.rules;
    for (const p of pointers) {
      let res;
      try {
        res = v.validateField(this.report, p, { lang: this.l });
      } catch {
        continue;
      }
      if (res instanceof Promise) {
        void res.then((x) => this.mergeIncremental(x, rules));
        continue;
      }
      this.mergeIncremental(res, rules);
    }
  }

  private mergeIncremental(res: { errors: ReportError[]; warnings: ReportError[]; scope: { pointer: string; rules: string[] } }, rules: ValidatorRuleInfo[] | undefined): void {
    const { pointer, rules: ruleIds } = res.scope;
    const ids = new Set(ruleIds);
    const rowOf = (ruleId: string): string | undefined => {
      // A row rule re-run for one row replaces only that row's problems.
      const info = rules?.find((r) => r.id === ruleId);
      if (!info?.perRow || !within(pointer, info.node) || pointer === info.node) return undefined;
      const rest = pointer.slice(info.node.length).split('/')[1];
      return `${info.node}/${rest}`;
    };
    const rowScope = new Map<string, string | undefined>();
    for (const id of ids) rowScope.set(id, rowOf(id));
    const kept = this.problems.filter((p) => {
      if (within(p.instancePath, pointer)) return false;
      if (ids.has(p.keyword)) {
        const row = rowScope.get(p.keyword);
        return row !== undefined && !within(p.instancePath, row);
      }
      return true;
    });
    const found = [...res.errors, ...res.warnings];
    for (const p of found) this.touched.add(errorTarget(p.instancePath, p.keyword).pointer);
    this.problems = [...kept, ...found];
    this.visibleDirty = true;
    this.requestUpdate();
  }

  private scheduleSettle(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.settle(false, !this.validator?.validateField), SETTLE_MS);
  }

  /**
   * Full validation, form value and validity, now. Runs after typing pauses,
   * on commit, and before submit, so the owning `<form>` always sees a current
   * report and validity.
   */
  private settle(soon: boolean, full = true): void {
    clearTimeout(this.settleTimer);
    if (soon) {
      // Coalesce bursts (property set in a loop, load + value) into one pass,
      // after the first paint: a full check of 2,000 rows must not delay it.
      this.settleTimer = setTimeout(() => idle(() => this.settle(false, full)), 0);
      return;
    }
    this.settleTimer = undefined;
    if (!full) {
      // After edits the problems are kept current incrementally; only the form value and validity follow.
      this.updateFormState();
      return;
    }
    const result = this.runValidation();
    if (result instanceof Promise) void result.then(() => this.updateFormState());
    else this.updateFormState();
  }

  private runValidation(): ValidationResult | Promise<ValidationResult> {
    const v = this.validator;
    const done = (res: ValidationResult): ValidationResult => {
      this.problems = [...res.errors, ...res.warnings];
      this.visibleDirty = true;
      this.requestUpdate();
      return this.result();
    };
    if (!v || !this.model) return done({ ok: true, errors: [], warnings: [] });
    try {
      const res = v.validate(this.report, { lang: this.l });
      return res instanceof Promise ? res.then(done, () => this.result()) : done(res);
    } catch {
      return this.result();
    }
  }

  /** Current problems as a result: validator problems plus texts that could not be read. */
  private result(): ValidationResult {
    const input = this.inputProblems();
    const shadowed = new Set(input.map((p) => p.instancePath));
    const all = [...input, ...this.problems.filter((p) => !shadowed.has(p.instancePath))];
    all.sort((a, b) => this.orderOf(a) - this.orderOf(b));
    const errors = all.filter((p) => p.severity === 'error');
    const warnings = all.filter((p) => p.severity === 'warning');
    return { ok: errors.length === 0, errors, warnings };
  }

  private orderOf(p: ReportError): number {
    const target = errorTarget(p.instancePath, p.keyword).pointer;
    let tpl = templateOf(target);
    while (tpl) {
      const o = this.order.get(tpl);
      if (o !== undefined) return o;
      tpl = parentPointer(tpl);
    }
    return -1;
  }

  private inputProblems(): ReportError[] {
    const out: ReportError[] = [];
    const m = this.model;
    for (const [pointer, { text, problem }] of this.texts) {
      const node = m?.byTemplate.get(templateOf(pointer)) ?? (m ? this.nodeAbove(pointer) : undefined);
      out.push(inputProblem(m, node, pointer, problem, text, this.l));
    }
    return out;
  }

  private nodeAbove(pointer: string): FieldNode | undefined {
    let p = parentPointer(pointer);
    while (p) {
      const n = this.model!.byTemplate.get(templateOf(p));
      if (n) return n;
      p = parentPointer(p);
    }
    return undefined;
  }

  private updateFormState(): void {
    const res = this.result();
    this.internals.setFormValue(JSON.stringify(this.report), JSON.stringify({ report: this.report }));
    if (res.ok) {
      this.internals.setValidity({});
    } else {
      const first = res.errors[0]!;
      const anchor = this.controlFor(first) ?? this.renderRoot.querySelector<HTMLElement>('#submit') ?? undefined;
      this.internals.setValidity(validityFlags(res.errors), first.message ?? first.keyword, anchor);
    }
    if (this.summary) this.summary = res;
  }

  // ---------------------------------------------------------------- public API

  /**
   * Validates the whole report now, shows every message and the error
   * summary, fires `bm-validate`, and resolves to the result.
   */
  async validate(): Promise<ValidationResult> {
    clearTimeout(this.settleTimer);
    await this.runValidation();
    const res = this.result();
    this.showAll = true;
    this.summary = res;
    this.visibleDirty = true;
    this.updateFormState();
    this.status = res.ok ? t(this.l, 'valid') : '';
    this.dispatchEvent(new BmValidateEvent(res));
    await this.updateComplete;
    return res;
  }

  /**
   * Sends the report: validates, and when there are errors focuses the first
   * one; otherwise submits the owning `<form>` (which fires `bm-submit`) or,
   * standing alone, fires `bm-submit` and clears the draft.
   */
  async submit(): Promise<boolean> {
    const res = await this.validate();
    if (!res.ok) {
      await this.focusProblem(res.errors[0]!);
      return false;
    }
    if (this.ownerForm) {
      this.ownerForm.requestSubmit();
      return true;
    }
    this.fireSubmit();
    return true;
  }

  private fireSubmit(): void {
    const ev = new BmSubmitEvent(this.report);
    this.dispatchEvent(ev);
    if (!ev.defaultPrevented) {
      void this.clearDraft();
      this.status = t(this.l, 'submitted');
    }
  }

  /** Returns to the default report (the `value` attribute, or an empty report) and discards the draft. */
  reset(): void {
    this.setReport(structuredClone(this.defaultValue), false);
    void this.clearDraft();
    this.draft = undefined;
    this.status = '';
  }

  /**
   * Reads a filled workbook into the form (the Excel code loads now, on first
   * use). Problems found while reading are shown in the error summary with
   * their sheet and cell. Resolves to the diagnostics.
   */
  async importWorkbook(file: Blob | ArrayBuffer | Uint8Array): Promise<ReportError[]> {
    const l = this.l;
    const name = file instanceof File ? file.name : '';
    this.busy = true;
    this.status = t(l, 'importing');
    try {
      const excel = await this.excel();
      const bytes = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : file;
      const res = await excel.readWorkbook(bytes, { ...(this.model ? { definition: this.model.definition } : {}), lang: l });
      if (res.report) {
        this.setReport(res.report, false);
        this.touched = new Set();
        this.scheduleDraft();
      }
      await this.validate();
      // Workbook diagnostics carry sheet and cell; they join the summary.
      const diag = res.diagnostics;
      if (diag.length) {
        const s = this.summary ?? { ok: true, errors: [], warnings: [] };
        const errors = [...diag.filter((d) => d.severity === 'error'), ...s.errors];
        const warnings = [...diag.filter((d) => d.severity === 'warning'), ...s.warnings];
        this.summary = { ok: errors.length === 0, errors, warnings };
      }
      this.status = res.report ? t(l, 'imported', { name: name || 'Excel' }) : t(l, 'importFailed', { message: diag[0]?.message ?? '' });
      return diag;
    } catch (e) {
      this.status = t(l, 'importFailed', { message: (e as Error).message });
      return [{ instancePath: '', keyword: 'excel.unreadable', params: { reason: (e as Error).message }, severity: 'error', message: this.status }];
    } finally {
      this.busy = false;
    }
  }

  /**
   * Writes the report into the official workbook and offers it for download
   * (the Excel code loads now, on first use). Resolves to the file.
   */
  async exportWorkbook(options: { download?: boolean; filename?: string } = {}): Promise<Blob | undefined> {
    const m = this.model;
    if (!m) return undefined;
    this.busy = true;
    try {
      const excel = await this.excel();
      const bytes = await excel.writeWorkbook(this.report, m.definition, { lang: this.l });
      const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      if (options.download !== false) {
        const agency = String(getAt(this.report, m.info.agencyField ?? '/-') ?? '').trim();
        const base = options.filename ?? `${m.info.form}-${m.info.version}-${m.info.variant}${agency ? '-' + agency : ''}.xlsx`;
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = base.replace(/[\\/:*?"<>|]+/g, '_');
        a.hidden = true;
        this.renderRoot.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      }
      return blob;
    } catch (e) {
      this.status = t(this.l, 'exportFailed', { message: (e as Error).message });
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** How the Excel codec is loaded; replace to load it from elsewhere (e.g. a CDN chunk). */
  excelLoader: () => Promise<ExcelCodec> = loadExcel;

  private excelPromise: Promise<ExcelCodec> | undefined;
  private excel(): Promise<ExcelCodec> {
    this.excelPromise ??= this.excelLoader().catch((e) => {
      this.excelPromise = undefined;
      throw e;
    });
    return this.excelPromise;
  }

  /** Prints the form in the official A4 layout (every table row, signature block). */
  print(): void {
    window.print();
  }

  /** Shows and focuses the field (or table cell) at a pointer. */
  async focusField(pointer: string, part: 'value' | 'notApplicable' | 'evidence' = 'value'): Promise<boolean> {
    await this.updateComplete;
    const m = this.model;
    if (!m) return false;
    const tpl = templateOf(pointer);
    const star = tpl.indexOf('/*');
    if (star >= 0) {
      const tablePtr = pointer.split('/').slice(0, tpl.slice(0, star).split('/').length).join('/');
      const table = this.renderRoot.querySelector<BmTable>(`bm-table[data-pointer="${CSS.escape(tablePtr)}"]`);
      if (!table) return false;
      const rest = pointer.slice(tablePtr.length).split('/');
      await table.focusCell(Number(rest[1]), rest[2]);
      return true;
    }
    // A section (e.g. a required section left empty): its first field.
    const inside = this.renderRoot.querySelector<BmField | BmTable>(`[data-pointer^="${CSS.escape(pointer + '/')}"]`);
    if (!this.renderRoot.querySelector(`[data-pointer="${CSS.escape(pointer)}"]`) && inside) {
      inside.scrollIntoView?.({ block: 'center' });
      if ('focusPart' in inside) inside.focusPart('value');
      else await (inside as BmTable).focusCell(0);
      return true;
    }
    let p = pointer;
    while (p) {
      const el = this.renderRoot.querySelector<BmField | BmTable>(`[data-pointer="${CSS.escape(p)}"]`);
      if (el) {
        el.scrollIntoView?.({ block: 'center' });
        if ('focusPart' in el) el.focusPart(part);
        else el.focus();
        return true;
      }
      p = parentPointer(p);
    }
    return false;
  }

  private focusProblem(p: ReportError): Promise<boolean> {
    const target = errorTarget(p.instancePath, p.keyword);
    return this.focusField(target.pointer, target.part);
  }

  private controlFor(p: ReportError): HTMLElement | undefined {
    const { pointer } = errorTarget(p.instancePath, p.keyword);
    const el = this.renderRoot.querySelector<BmField>(`bm-field[data-pointer="${CSS.escape(pointer)}"]`);
    return el?.control ?? undefined;
  }

  // ---------------------------------------------------------------- form association

  /** The owning `<form>`, if any. */
  get formElement(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  checkValidity(): boolean {
    this.settle(false, false);
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    this.settle(false, false);
    return this.internals.reportValidity();
  }

  formAssociatedCallback(form: HTMLFormElement | null): void {
    this.ownerForm?.removeEventListener('submit', this.onOwnerSubmit);
    this.ownerForm = form;
    form?.addEventListener('submit', this.onOwnerSubmit);
    this.addEventListener('invalid', this.onInvalid);
  }

  formResetCallback(): void {
    this.reset();
  }

  formDisabledCallback(disabled: boolean): void {
    this.fieldsetDisabled = disabled;
    this.requestUpdate();
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state !== 'string') return;
    try {
      const parsed = JSON.parse(state) as { report?: unknown };
      if (isObject(parsed.report)) this.setReport(parsed.report, false);
    } catch {
      /* not ours */
    }
  }

  private readonly onOwnerSubmit = (): void => {
    this.fireSubmit();
  };

  private readonly onInvalid = (): void => {
    // The owning form refused to submit: show every message and the summary,
    // then bring the first problem into view (it may be on another table page).
    const res = this.result();
    this.showAll = true;
    this.summary = res;
    this.visibleDirty = true;
    if (res.errors[0]) setTimeout(() => void this.focusProblem(res.errors[0]!), 0);
  };

  // ---------------------------------------------------------------- drafts

  private draftIdentity(): { key: string; prefix: string } | undefined {
    const info = this.model?.info;
    if (!info) return undefined;
    const agency = this.agency ?? String(getAt(this.report, info.agencyField ?? '/-') ?? '');
    return draftKey(info.form, info.version, info.variant, agency);
  }

  private async lookForDraft(): Promise<void> {
    const id = this.draftIdentity();
    if (!id) return;
    this.drafts ??= openDraftStore();
    const found = this.agency ? await this.drafts.get(id.key) : await this.drafts.latest(id.prefix);
    if (found && JSON.stringify(found.report) !== JSON.stringify(this.report)) this.draft = found;
  }

  private scheduleDraft(): void {
    if (!this.autosave || !this.model) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveDraft(), AUTOSAVE_MS);
  }

  private readonly flushDraft = (): void => {
    if (this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    void this.saveDraft();
  };

  private async saveDraft(): Promise<void> {
    this.saveTimer = undefined;
    const id = this.draftIdentity();
    if (!id) return;
    this.drafts ??= openDraftStore();
    if (this.savedKey && this.savedKey !== id.key) await this.drafts.delete(this.savedKey);
    this.savedKey = id.key;
    const savedAt = Date.now();
    await this.drafts.put({ key: id.key, prefix: id.prefix, savedAt, report: this.report });
    this.dispatchEvent(new Event('bm-draft-saved', { bubbles: true, composed: true }));
  }

  private async clearDraft(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const id = this.draftIdentity();
    this.drafts ??= openDraftStore();
    if (id) await this.drafts.delete(id.key);
    if (this.savedKey && this.savedKey !== id?.key) await this.drafts.delete(this.savedKey);
    if (this.draft) await this.drafts.delete(this.draft.key);
    this.savedKey = undefined;
  }

  private restoreDraft(): void {
    const d = this.draft;
    if (!d) return;
    this.draft = undefined;
    if (isObject(d.report)) this.setReport(structuredClone(d.report), false);
    this.savedKey = d.key;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.sections h2, .sections h3')?.focus());
  }

  private async discardDraft(): Promise<void> {
    const d = this.draft;
    this.draft = undefined;
    if (d) await (this.drafts ??= openDraftStore()).delete(d.key);
  }

  // ---------------------------------------------------------------- rendering

  private rebuildVisible(): void {
    const m = this.model;
    this.visible = new Map();
    if (!m) return;
    const res = this.result();
    for (const p of [...res.errors, ...res.warnings]) {
      const target = errorTarget(p.instancePath, p.keyword).pointer;
      if (!this.showAll && !this.touched.has(target) && !this.texts.has(p.instancePath)) continue;
      // File the problem under the field or table that shows it.
      const tpl = templateOf(target);
      const star = tpl.indexOf('/*');
      let owner: string;
      if (star >= 0) owner = target.split('/').slice(0, tpl.slice(0, star).split('/').length).join('/');
      else {
        owner = target;
        while (owner && !m.byTemplate.has(templateOf(owner))) owner = parentPointer(owner);
      }
      const list = this.visible.get(owner);
      if (list) (list as ReportError[]).push(p);
      else this.visible.set(owner, [p]);
    }
    this.visibleDirty = false;
  }

  private onSelectError(e: BmErrorSelectEvent): void {
    e.stopPropagation();
    void this.focusProblem(e.error);
  }

  private progress(n: FieldNode): { done: number; total: number; errors: number } {
    let done = 0;
    let total = 0;
    const na = isObject(this.report.notApplicable) ? this.report.notApplicable : {};
    const rec = (x: FieldNode) => {
      if (x.kind === 'section') return x.children?.forEach(rec);
      if (x.readOnly) return;
      total++;
      const v = getAt(this.report, x.pointer);
      if ((v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) || Object.prototype.hasOwnProperty.call(na, x.pointer)) done++;
    };
    rec(n);
    let errors = 0;
    if (this.showAll) for (const [k, list] of this.visible) if (within(k, n.pointer)) errors += list.filter((p) => p.severity === 'error').length;
    return { done, total, errors };
  }

  private sectionNav(sections: FieldNode[]): TemplateResult {
    const l = this.l;
    return html`<nav class="nav screen-only" part="nav" aria-label=${t(l, 'sections')}>
      <ol>
        ${sections.map((s) => {
          const p = this.progress(s);
          const pct = p.total ? Math.round((p.done / p.total) * 100) : 100;
          return html`<li>
            <a
              href=${`#s-${s.key}`}
              @click=${(e: Event) => {
                e.preventDefault();
                const h = this.renderRoot.querySelector<HTMLElement>(`#sh-${s.key}`);
                h?.scrollIntoView({ block: 'start' });
                h?.focus();
              }}
              ><span class="nav-label">${s.code ? html`<span class="code">${s.code}</span> ` : nothing}${s.label[l]}</span>
              <span class="nav-progress">
                <progress class="bar" aria-hidden="true" max="100" .value=${pct}></progress>
                <span class="count">${t(l, 'progress', p)}</span>
                ${p.errors ? html`<span class="nav-errors">${l === 'vi' ? `${p.errors} lỗi` : `${p.errors} error${p.errors > 1 ? 's' : ''}`}</span>` : nothing}
              </span></a
            >
          </li>`;
        })}
      </ol>
    </nav>`;
  }

  private renderNode(n: FieldNode, level: number, parent: unknown, disabled: boolean): TemplateResult {
    const l = this.l;
    if (n.kind === 'section') {
      const obj = getAt(this.report, n.pointer);
      const tag = Math.min(level, 6);
      const head = html`${n.code ? html`<span class="code">${n.code}</span> ` : nothing}${n.label[l]}`;
      return html`<div class="subsection" role="group" aria-labelledby=${`sh-${n.pointer.slice(1).replace(/\//g, '-')}`}>
        ${heading(tag, `sh-${n.pointer.slice(1).replace(/\//g, '-')}`, head)} ${n.help ? html`<p class="help">${n.help[l]}</p>` : nothing}
        ${(n.children ?? []).map((c) => this.renderNode(c, level + 1, obj, disabled))}
        ${n.footnote ? html`<p class="footnote">${n.footnote[l]}</p>` : nothing}
      </div>`;
    }
    const problems = this.visible.get(n.pointer) ?? EMPTY;
    if (n.kind === 'table') {
      return html`<bm-table
        data-pointer=${n.pointer}
        exportparts="table, control, message, pager, button, cell, header, caption"
        .field=${n}
        .rows=${getAt(this.report, n.pointer) as Record<string, unknown>[] | undefined}
        .problems=${problems}
        .texts=${this.texts}
        lang=${l}
        page-size=${this.pageSize}
        ?disabled=${disabled}
      ></bm-table>`;
    }
    const na = isObject(this.report.notApplicable) ? this.report.notApplicable : undefined;
    const ev = isObject(this.report.evidence) ? this.report.evidence : undefined;
    const value = n.compute !== undefined ? this.computed(n, parent) : getAt(this.report, n.pointer);
    return html`<bm-field
      data-pointer=${n.pointer}
      exportparts="field, label, code, control, hint, message, not-applicable, evidence"
      .field=${n}
      .value=${value}
      .notApplicableReason=${na && Object.prototype.hasOwnProperty.call(na, n.pointer) ? String(na[n.pointer] ?? '') : undefined}
      .evidence=${ev && typeof ev[n.pointer] === 'string' ? (ev[n.pointer] as string) : undefined}
      .problems=${problems}
      .text=${this.texts.get(n.pointer)?.text}
      lang=${l}
      ?disabled=${disabled}
    ></bm-field>`;
  }

  private computeCache = new Map<string, { parent: unknown; value: unknown }>();
  private computeScheduled = false;

  /**
   * A computed (read-only) value. Computing over a 2,000-row table takes
   * tens of milliseconds, so values are cached by the identity of the object
   * they read (the report is copy-on-write) and recomputed when the browser is
   * idle: typing never waits for a total.
   */
  private computed(n: FieldNode, parent: unknown): unknown {
    const hit = this.computeCache.get(n.pointer);
    if (hit && hit.parent === parent) return hit.value;
    if (!this.computeScheduled) {
      this.computeScheduled = true;
      idle(() => {
        this.computeScheduled = false;
        const m = this.model;
        if (!m) return;
        for (const node of m.byTemplate.values()) {
          if (node.compute === undefined || node.template.includes('*')) continue;
          const p = getAt(this.report, parentPointer(node.pointer)) ?? {};
          const cur = this.computeCache.get(node.pointer);
          if (cur && cur.parent === p) continue;
          let value: unknown;
          try {
            value = evaluateLogic(node.compute, p);
          } catch {
            value = undefined;
          }
          this.computeCache.set(node.pointer, { parent: p, value });
        }
        this.requestUpdate();
      });
    }
    return hit?.value;
  }

  private renderHeader(m: FormModel): TemplateResult {
    const l = this.l;
    const info = m.info;
    const agency = info.agencyField ? getAt(this.report, info.agencyField) : undefined;
    return html`<header class="official" part="header">
      <slot name="header"></slot>
      <div class="letterhead print-only">
        <div class="agency">${typeof agency === 'string' && agency ? agency.toUpperCase() : '……………………………'}</div>
        <div class="nation"><strong>${t(l, 'country')}</strong><br /><span class="motto">${t(l, 'motto')}</span></div>
      </div>
      ${info.formNumber ? html`<p class="form-number">${info.formNumber}</p>` : nothing}
      <h2 class="title" id="title">${m.title[l]}</h2>
      <dl class="meta">
        ${info.window ? html`<div><dt>${t(l, 'window')}</dt><dd>${formatDate(info.window.from, l)} – ${formatDate(info.window.to, l)}</dd></div>` : nothing}
        ${info.deadline ? html`<div><dt>${t(l, 'deadline')}</dt><dd>${formatDate(info.deadline, l)}</dd></div>` : nothing}
        ${info.reporter ? html`<div><dt>${t(l, 'reporter')}</dt><dd>${info.reporter}</dd></div>` : nothing}
        ${info.recipient ? html`<div><dt>${t(l, 'recipient')}</dt><dd>${info.recipient}</dd></div>` : nothing}
      </dl>
    </header>`;
  }

  private renderToolbar(): TemplateResult | typeof nothing {
    if (this.noToolbar) return nothing;
    const l = this.l;
    return html`<div class="toolbar screen-only" part="toolbar" role="toolbar" aria-label=${l === 'vi' ? 'Công cụ' : 'Tools'}>
      <button type="button" part="button" @click=${() => this.validate()}>${t(l, 'validate')}</button>
      <button type="button" part="button" ?disabled=${this.busy} @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#file')?.click()}>${t(l, 'importWorkbook')}</button>
      <input
        id="file"
        type="file"
        hidden
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label=${t(l, 'importWorkbook')}
        @change=${(e: Event) => {
          e.stopPropagation();
          const input = e.target as HTMLInputElement;
          const f = input.files?.[0];
          if (f) void this.importWorkbook(f);
          input.value = '';
        }}
        @input=${(e: Event) => e.stopPropagation()}
      />
      <button type="button" part="button" ?disabled=${this.busy} @click=${() => this.exportWorkbook()}>${t(l, 'exportWorkbook')}</button>
      <button type="button" part="button" @click=${() => this.print()}>${t(l, 'print')}</button>
    </div>`;
  }

  private renderDraft(): TemplateResult | typeof nothing {
    const d = this.draft;
    if (!d) return nothing;
    const l = this.l;
    const time = new Date(d.savedAt).toLocaleString(l === 'vi' ? 'vi-VN' : 'en-GB');
    return html`<div class="draft screen-only" part="draft" role="region" aria-label=${t(l, 'draftRestore')}>
      <p>${t(l, 'draftFound', { time })}</p>
      <button type="button" part="button" class="primary" id="restore" @click=${() => this.restoreDraft()}>${t(l, 'draftRestore')}</button>
      <button type="button" part="button" @click=${() => this.discardDraft()}>${t(l, 'draftDiscard')}</button>
    </div>`;
  }

  private renderSignature(): TemplateResult {
    const l = this.l;
    return html`<div class="signature print-only" part="signature">
      <div></div>
      <div class="place-date"><em>${t(l, 'placeDate')}</em></div>
      <div class="sign"><strong>${t(l, 'preparer')}</strong><br /><em>${t(l, 'preparerHint')}</em></div>
      <div class="sign"><strong>${t(l, 'head')}</strong><br /><em>${t(l, 'headHint')}</em></div>
    </div>`;
  }

  protected override render(): TemplateResult {
    const l = this.l;
    const m = this.model;
    if (this.loadError) return html`<div class="load-error" role="alert">${t(l, 'loadFailed', { message: this.loadError })}</div>`;
    if (!m) {
      const waiting = this.definition || (this.form && this.version && this.variant);
      return html`<p class="loading" role="status">${waiting ? t(l, 'loading') : t(l, 'noDefinition')}</p>`;
    }
    if (this.visibleDirty) this.rebuildVisible();
    const disabled = this.disabled || this.fieldsetDisabled;
    const summary = this.summary;
    return html`<div class="form" part="form" @input=${this.onEdit} @change=${this.onEdit} @bm-error-select=${this.onSelectError}>
      ${this.renderHeader(m)} ${this.renderToolbar()} ${this.renderDraft()}
      ${summary
        ? html`<bm-error-summary exportparts="summary" lang=${l} .errors=${summary.errors} .warnings=${summary.warnings}></bm-error-summary>`
        : nothing}
      <div class="layout">
        ${this.sectionNav(m.sections)}
        <div class="sections">
          ${m.sections.map(
            (s) => html`<section id=${`s-${s.key}`} part="section" aria-labelledby=${`sh-${s.key}`}>
              <h3 id=${`sh-${s.key}`} part="section-title" tabindex="-1">${s.code ? html`<span class="code">${s.code}</span> ` : nothing}${s.label[l]}</h3>
              ${s.help ? html`<p class="help">${s.help[l]}</p>` : nothing}
              ${s.kind === 'section' ? (s.children ?? []).map((c) => this.renderNode(c, 4, getAt(this.report, s.pointer), disabled)) : this.renderNode(s, 4, this.report, disabled)}
              ${s.footnote ? html`<p class="footnote">${s.footnote[l]}</p>` : nothing}
            </section>`,
          )}
          ${this.renderSignature()}
          <div class="actions screen-only">
            <button type="button" id="submit" part="button submit" class="primary" ?disabled=${disabled} @click=${() => this.submit()}>${t(l, 'submit')}</button>
            <slot name="actions"></slot>
            <button type="button" part="button" ?disabled=${disabled} @click=${() => this.reset()}>${t(l, 'reset')}</button>
          </div>
        </div>
      </div>
      <div class="status visually-hidden" role="status" aria-live="polite">${this.status}</div>
      <p class="status-visible screen-only" aria-hidden="true">${this.status}</p>
    </div>`;
  }
}

/** Runs `fn` when the browser is idle (after paint), or soon where there is no idle callback. */
function idle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 500 });
  else setTimeout(fn, 0);
}

function heading(level: number, id: string, content: TemplateResult): TemplateResult {
  switch (level) {
    case 4:
      return html`<h4 id=${id}>${content}</h4>`;
    case 5:
      return html`<h5 id=${id}>${content}</h5>`;
    default:
      return html`<h6 id=${id}>${content}</h6>`;
  }
}

const PAGE_STYLE = Symbol.for('bieumau.pageStyle');

/**
 * `@page` rules only work in the document's own style sheets, not in a shadow
 * root: the A4 page size and margins of the official layout are added to the
 * document once (print only; nothing changes on screen).
 */
function adoptPageStyles(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[PAGE_STYLE] || typeof document === 'undefined' || !('adoptedStyleSheets' in document)) return;
  g[PAGE_STYLE] = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(pageStyles);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

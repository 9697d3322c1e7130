/**
 * Workbook in: `.xlsx` bytes → the report JSON plus located diagnostics. The
 * archive is checked before exceljs sees it; sheets are found by the markers
 * the template writes (so renamed, reordered or LibreOffice-saved workbooks
 * read the same), falling back to the metadata sheet's cell map. One bad cell
 * never discards the rest.
 * @module
 */
import { buildModel, setAt } from '@bieumau/core';
import type { Definition, DefinitionRef, FieldNode, FormModel, Lang, ReportError } from '@bieumau/core';
import { loadWorkbook, viewOf } from './adapter.js';
import type { BookView, CellLike, RowSink, SheetHandler, SheetView } from './adapter.js';
import { coerce, isBlank, readCell } from './coerce.js';
import type { CellRead, Problem } from './coerce.js';
import { definitionHash } from './hash.js';
import { COLUMNS_MARKER, MAIN_MARKER, META_MARKER, META_SHEET, TABLE_MARKER, address, computeLayout } from './layout.js';
import type { Layout, MainRow, MapEntry, TableLayout } from './layout.js';
import { diagnostic } from './messages.js';
import type { ExcelKeyword, Place } from './messages.js';
import { asciiXmlParts, inspectArchive } from './zip.js';
import type { ArchiveLimits } from './zip.js';

/** Something that finds a definition by form, version and variant (a `Registry` of `@bieumau/definitions`). */
export interface DefinitionFinder {
  find(ref: DefinitionRef): Promise<{ ok: true; definition: Definition } | { ok: false; error: ReportError }>;
}

/** Options of {@link readWorkbook}. */
export interface ReadOptions {
  /** The definition the workbook is expected to be made from. */
  definition?: Definition;
  /**
   * Where to find the definition the workbook names, when `definition` is not
   * given or names another version. Defaults to the published registry
   * (loaded on demand) when neither is given.
   */
  registry?: DefinitionFinder;
  /** Language of the messages (default `vi`). */
  lang?: Lang;
  /** Archive limits (size, entries, inflated bytes, ratio). */
  limits?: Partial<ArchiveLimits>;
  /**
   * Parse sheets with the streaming reader (Node entry only): `true`, `false`,
   * or `'auto'` (default) — streaming when a worksheet inflates to more than
   * 4 MB, i.e. tables of several thousand rows.
   */
  stream?: boolean | 'auto';
}

/** Parses bytes into a {@link BookView} with the streaming reader (injected by the Node entry). */
export type StreamLoader = (bytes: Uint8Array, handler?: SheetHandler) => Promise<BookView>;

/** Worksheets inflating beyond this are streamed under `stream: 'auto'`. */
const STREAM_THRESHOLD = 4 * 2 ** 20;

/** What the metadata sheet says about a workbook. */
export interface WorkbookInfo {
  form: string;
  version: string;
  variant: string;
  hash?: string;
  lang?: string;
  layoutVersion?: string;
}

/** The outcome of {@link readWorkbook}. */
export interface ReadResult {
  /** No diagnostic of severity `error`. */
  ok: boolean;
  /** The report read (absent when the workbook could not be read at all). */
  report?: Record<string, unknown>;
  /** Every problem, errors and warnings, located by sheet, cell and pointer. */
  diagnostics: ReportError[];
  /** The form identity recorded in the workbook, when it has one. */
  workbook?: WorkbookInfo;
  /** The definition the report was read with. */
  definition?: Definition;
  /** The sheet and cell a report pointer was read from (for the validator's errors). */
  locate?: (pointer: string) => { sheet: string; cell: string } | undefined;
}

/** Where values were read from: form-sheet cells by pointer, table rows by index. */
class Locations {
  readonly fields = new Map<string, { sheet: string; cell: string }>();
  readonly tables = new Map<string, { sheet: string; rows: number[]; cols: Map<string, number> }>();
  locate = (pointer: string): { sheet: string; cell: string } | undefined => {
    const hit = this.fields.get(pointer);
    if (hit) return hit;
    const m = /^(.*)\/(0|[1-9]\d*)(?:\/([^/]+))?$/.exec(pointer);
    const t = m ? this.tables.get(m[1]!) : undefined;
    if (!m || !t) return undefined;
    const row = t.rows[Number(m[2])];
    if (row === undefined) return undefined;
    const col = m[3] ? t.cols.get(m[3]) : undefined;
    return { sheet: t.sheet, cell: col ? address(row, col) : `${row}:${row}` };
  };
}

interface Meta {
  info: Partial<WorkbookInfo> & { mainSheet?: string };
  map: MapEntry[];
}

/** A marker or key written by the template: plain text (LibreOffice may turn it into rich text). */
function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && Array.isArray((v as { richText?: unknown }).richText)) {
    return (v as { richText: { text?: unknown }[] }).richText.map((r) => (typeof r?.text === 'string' ? r.text : '')).join('').trim();
  }
  return undefined;
}

function cellText(ws: SheetView, row: number, col: number): string | undefined {
  const r = readCell(ws.cell(row, col)).raw;
  return r.t === 'string' ? r.v.trim() : r.t === 'number' ? String(r.v) : undefined;
}

function readMeta(wb: BookView): Meta | undefined {
  const ws = wb.sheets.find((w) => w.name === META_SHEET && cellText(w, 1, 1) === META_MARKER) ?? wb.sheets.find((w) => cellText(w, 1, 1) === META_MARKER);
  if (!ws) return undefined;
  const info: Meta['info'] = {};
  const map: MapEntry[] = [];
  let inMap = false;
  const last = Math.min(ws.rowCount, 100_000);
  for (let r = 1; r <= last; r++) {
    const k = cellText(ws, r, 1);
    if (k === undefined) continue;
    if (r === 1) {
      info.layoutVersion = cellText(ws, 1, 2);
      continue;
    }
    if (k === 'map') {
      inMap = true;
      continue;
    }
    const v = cellText(ws, r, 2);
    if (!inMap) {
      if (v === undefined) continue;
      if (k === 'form' || k === 'version' || k === 'variant' || k === 'hash' || k === 'lang' || k === 'mainSheet') info[k] = v;
    } else if (['field', 'option', 'na', 'evidence', 'table', 'column'].includes(k) && v !== undefined) {
      const e: MapEntry = { kind: k as MapEntry['kind'], sheet: v, address: cellText(ws, r, 3) ?? '', pointer: cellText(ws, r, 4) ?? '' };
      const option = cellText(ws, r, 5);
      if (option) e.option = option;
      map.push(e);
    }
  }
  return { info, map };
}

/** Splits `E12` into row and column. */
function decode(addr: string): { row: number; col: number } | undefined {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(addr);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
}

function decodeCol(letters: string): number | undefined {
  if (!/^[A-Z]{1,3}$/.test(letters)) return undefined;
  let col = 0;
  for (const ch of letters) col = col * 26 + ch.charCodeAt(0) - 64;
  return col;
}

/**
 * Reads a workbook made from a bieumau template, with an optional streaming
 * loader. Callers use `readWorkbook` of the package entry, which supplies
 * the loader its platform has.
 */
export async function readWorkbookWith(input: Uint8Array | ArrayBuffer, options: ReadOptions, stream?: StreamLoader): Promise<ReadResult> {
  const lang = options.lang ?? 'vi';
  const fail = (keyword: ExcelKeyword, params: Record<string, unknown>, extra: Partial<ReadResult> = {}): ReadResult => ({
    ok: false,
    diagnostics: [diagnostic(keyword, 'error', params, lang)],
    ...extra,
  });
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const mode = options.stream ?? 'auto';
  const streams = (largestSheet: number): boolean => stream !== undefined && (mode === true || (mode === 'auto' && largestSheet > STREAM_THRESHOLD));
  // The streaming parser gets the parts the check inflated (re-encoded); a
  // whole load gets the file itself (nothing to re-encode, nothing to keep).
  const archive = inspectArchive(bytes, options.limits, (largest) => streams(largest));
  if (archive.problem) return fail(archive.problem.keyword, archive.problem.params);
  const streaming = streams(archive.largestSheet);
  let wb: BookView;
  // Definitions are looked up once, whether while streaming or after.
  const resolved = new Map<string, ReturnType<typeof resolveDefinition>>();
  const resolve = (ref: DefinitionRef) => {
    const key = JSON.stringify([ref.form, ref.version, ref.variant]);
    let p = resolved.get(key);
    if (!p) resolved.set(key, (p = resolveDefinition(ref, options, lang)));
    return p;
  };
  const early = new Early(resolve, lang);
  try {
    if (streaming && stream) {
      const prepared = asciiXmlParts(archive.files!);
      // The inflated parts are not needed any more: let them go before parsing.
      delete archive.files;
      wb = await stream(prepared, early);
    } else {
      // Only the streaming parser needs the ASCII re-encoding: the whole load
      // decodes each part in one piece (exceljs: JSZip's string output in
      // Node, a TextDecoder over the whole part in browsers).
      wb = viewOf(await loadWorkbook(bytes));
    }
  } catch (e) {
    return fail('excel.unreadable', { reason: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e).slice(0, 300) });
  }
  try {
    const meta = readMeta(wb);
    if (!meta || !meta.info.form || !meta.info.version || !meta.info.variant) {
      return fail('excel.notOurWorkbook', { sheets: wb.sheets.map((w) => w.name).slice(0, 50) });
    }
    const ref: DefinitionRef = { form: meta.info.form, version: meta.info.version, variant: meta.info.variant };
    const workbook: WorkbookInfo = { ...ref };
    if (meta.info.hash) workbook.hash = meta.info.hash;
    if (meta.info.lang) workbook.lang = meta.info.lang;
    if (meta.info.layoutVersion) workbook.layoutVersion = meta.info.layoutVersion;
    const def = await resolve(ref);
    if (!def.ok) return { ok: false, diagnostics: [def.error], workbook };
    const diagnostics: ReportError[] = [];
    if (meta.info.hash && meta.info.hash !== (await definitionHash(def.definition))) {
      diagnostics.push(diagnostic('excel.definitionChanged', 'warning', { hash: meta.info.hash, expected: await definitionHash(def.definition) }, lang));
    }
    const model = early.model ?? buildModel(def.definition);
    const locations = new Locations();
    const report = readReport(wb, model, meta, lang, diagnostics, locations, early.claims);
    return { ok: !diagnostics.some((d) => d.severity === 'error'), report, diagnostics, workbook, definition: def.definition, locate: locations.locate };
  } catch (e) {
    return fail('excel.unreadable', { reason: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e).slice(0, 300) });
  }
}

async function resolveDefinition(ref: DefinitionRef, options: ReadOptions, lang: Lang): Promise<{ ok: true; definition: Definition } | { ok: false; error: ReportError }> {
  const given = options.definition;
  const same = (d: Definition) => d.info.form === ref.form && d.info.version === ref.version && d.info.variant === ref.variant;
  if (given && same(given)) return { ok: true, definition: given };
  let registry = options.registry;
  if (!registry && !given) {
    // The published definitions, loaded only when a caller relies on them.
    const mod = await import('@bieumau/definitions');
    registry = mod.registry;
  }
  if (registry) {
    const found = await registry.find(ref);
    if (found.ok) return found;
    if (!given) return { ok: false, error: diagnostic('excel.unknownDefinition', 'error', { ...ref }, lang) };
  }
  const expected = given!.info;
  if (expected.form === ref.form && expected.variant === ref.variant) {
    return { ok: false, error: diagnostic('excel.otherVersion', 'error', { ...ref, expectedVersion: expected.version }, lang) };
  }
  return { ok: false, error: diagnostic('excel.otherForm', 'error', { ...ref, expected: `${expected.form}@${expected.version}/${expected.variant}` }, lang) };
}

interface Sink {
  lang: Lang;
  diagnostics: ReportError[];
  date1904: boolean;
}

function report(sink: Sink, problems: Problem[], place: Place): void {
  for (const pr of problems) sink.diagnostics.push(diagnostic(pr.keyword, pr.severity, pr.params, sink.lang, place));
}

/**
 * Reports what the cell itself says (formula, merge, control characters), then
 * coerces it. `where` builds the place only when there is something to report
 * (most cells have nothing, and a table has many cells).
 */
function readValue(sink: Sink, cell: CellRead, node: FieldNode, where: Place | TableCell): unknown {
  if (cell.mergedInto === undefined && cell.formula === undefined && cell.removed === undefined) {
    // The common case: a plain value, reported only if it does not coerce
    // (no closure or place built per cell: this runs once per table cell).
    const c = coerce(cell, node, sink.date1904);
    if (c.problems.length) report(sink, c.problems, placeOf(where));
    return c.value;
  }
  let built: Place | undefined;
  return readValueAt(sink, cell, node, () => (built ??= placeOf(where)));
}

function placeOf(where: Place | TableCell): Place {
  return 'table' in where ? { instancePath: `${where.table}/${where.index}/${where.node.key}`, field: where.node, sheet: where.sheet, cell: address(where.row, where.col) } : where;
}

/** A table cell, turned into a {@link Place} only when there is something to report. */
interface TableCell {
  table: string;
  index: number;
  node: FieldNode;
  sheet: string;
  row: number;
  col: number;
}

function readValueAt(sink: Sink, cell: CellRead, node: FieldNode, place: () => Place): unknown {
  if (cell.mergedInto) {
    sink.diagnostics.push(diagnostic('excel.mergedCell', 'warning', { master: cell.mergedInto }, sink.lang, place()));
    return undefined;
  }
  if (cell.formula !== undefined) {
    if (isBlank(cell.raw)) {
      sink.diagnostics.push(diagnostic('excel.formulaNoResult', 'error', { formula: cell.formula }, sink.lang, place()));
      return undefined;
    }
    const result = cell.raw.t === 'date' ? cell.raw.v.toISOString() : 'v' in cell.raw ? cell.raw.v : '';
    sink.diagnostics.push(diagnostic('excel.formula', 'warning', { formula: cell.formula, result }, sink.lang, place()));
  }
  if (cell.removed) sink.diagnostics.push(diagnostic('excel.controlCharacter', 'warning', { count: cell.removed }, sink.lang, place()));
  const c = coerce(cell, node, sink.date1904);
  if (c.problems.length) report(sink, c.problems, place());
  return c.value;
}

function readReport(
  wb: BookView,
  model: FormModel,
  meta: Meta,
  lang: Lang,
  diagnostics: ReportError[],
  locations: Locations,
  claims: Map<string, TableRun>,
): Record<string, unknown> {
  const layout = computeLayout(model, (meta.info.lang === 'en' ? 'en' : 'vi') as Lang);
  const sink: Sink = { lang, diagnostics, date1904: wb.date1904 };
  const info = model.info;
  const out: Record<string, unknown> = { definition: { form: info.form, version: info.version, variant: info.variant } };
  const na: Record<string, string> = {};
  const evidence: Record<string, string> = {};
  readMain(wb, layout, meta, sink, out, na, evidence, locations);
  for (const t of layout.tables) {
    const ws = tableSheet(wb, t, meta);
    if (!ws) {
      diagnostics.push(diagnostic('excel.sheetMissing', 'warning', { sheet: tableSheetName(t, meta) }, lang, { instancePath: t.node.pointer, field: t.node }));
      continue;
    }
    // A sheet claimed while streaming was read then; the others are read now.
    const claimed = claims.get(t.node.pointer);
    let run: TableRun;
    if (claimed && claimed.sheet === ws.name) run = claimed;
    else {
      run = new TableRun(ws, t, meta, { lang, diagnostics: [], date1904: wb.date1904 });
      for (let r = run.keyRow + 1; r <= ws.rowCount; r++) run.row(r, ws);
    }
    run.finish(out, diagnostics, locations);
  }
  const ordered = inFormOrder(out, model.sections) as Record<string, unknown>;
  if (Object.keys(na).length) ordered.notApplicable = na;
  if (Object.keys(evidence).length) ordered.evidence = evidence;
  return ordered;
}

/** Rebuilds objects with their keys in form order (multiple choices are set after their options are read). */
function inFormOrder(value: unknown, nodes: FieldNode[] | undefined): unknown {
  if (!nodes || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if ('definition' in src) out.definition = src.definition;
  for (const n of nodes) {
    if (!Object.hasOwn(src, n.key)) continue;
    out[n.key] = n.kind === 'section' ? inFormOrder(src[n.key], n.children) : src[n.key];
  }
  return out;
}

/** A readable cell of the form sheet: what it holds and for which row. */
interface Slot {
  ws: SheetView;
  row: number;
  col: number;
  role: 'value' | 'na' | 'evidence';
  main: MainRow;
}

function findMainSlots(wb: BookView, layout: Layout, meta: Meta): Slot[] {
  const byKey = new Map<string, MainRow>();
  for (const r of layout.rows) if (r.key && r.kind !== 'table') byKey.set(r.key, r);
  const slots: Slot[] = [];
  const ws = wb.sheets.find((w) => cellText(w, 1, 1) === MAIN_MARKER) ?? wb.sheets.find((w) => w.name === meta.info.mainSheet);
  if (ws) {
    // The role row names each column, so inserted or moved columns are found.
    let roleRow = 0;
    for (let r = 1; r <= Math.min(ws.rowCount, 30) && !roleRow; r++) if (cellText(ws, r, 1) === MAIN_MARKER) roleRow = r;
    const roles = new Map<string, number>();
    if (roleRow) {
      for (const [col, cell] of ws.rowCells(roleRow)) {
        const t = str(cell.value);
        if (t && col > 1 && !roles.has(t)) roles.set(t, col);
      }
    }
    const cols = {
      value: roles.get('value') ?? layout.columns.value,
      na: roles.get('na') ?? layout.columns.na,
      evidence: roles.get('evidence') ?? layout.columns.evidence,
    };
    for (let r = 1; r <= ws.rowCount; r++) {
      const key = cellText(ws, r, 1);
      const main = key === undefined ? undefined : byKey.get(key);
      if (!main) continue;
      if (main.kind === 'field' || main.kind === 'part' || main.kind === 'option') slots.push({ ws, row: r, col: cols.value, role: 'value', main });
      if ((main.kind === 'field' || main.kind === 'head') && main.node.notApplicable && cols.na) slots.push({ ws, row: r, col: cols.na, role: 'na', main });
      if ((main.kind === 'field' || main.kind === 'head') && main.node.evidence && cols.evidence) slots.push({ ws, row: r, col: cols.evidence, role: 'evidence', main });
    }
    if (slots.length) return slots;
  }
  // No keys in column A (deleted or cleared): the metadata sheet's cell map.
  for (const e of meta.map) {
    const target = wb.sheets.find((w) => w.name === e.sheet);
    const at = decode(e.address);
    if (!target || !at) continue;
    const key = e.kind === 'option' ? `${e.pointer}#${e.option ?? ''}` : e.pointer;
    const main = byKey.get(key);
    if (!main) continue;
    const role = e.kind === 'na' ? 'na' : e.kind === 'evidence' ? 'evidence' : e.kind === 'field' || e.kind === 'option' ? 'value' : undefined;
    if (role) slots.push({ ws: target, row: at.row, col: at.col, role, main });
  }
  return slots;
}

function readMain(
  wb: BookView,
  layout: Layout,
  meta: Meta,
  sink: Sink,
  out: Record<string, unknown>,
  na: Record<string, string>,
  evidence: Record<string, string>,
  locations: Locations,
): void {
  const selected = new Map<string, Set<string | number>>();
  for (const s of findMainSlots(wb, layout, meta)) {
    const cell = readCell(s.ws.cell(s.row, s.col));
    const node = s.main.node;
    const place: Place = { instancePath: s.main.kind === 'part' || s.main.kind === 'field' ? s.main.key! : node.pointer, field: node, sheet: s.ws.name, cell: address(s.row, s.col) };
    if (s.role === 'value' && !locations.fields.has(place.instancePath)) locations.fields.set(place.instancePath, { sheet: s.ws.name, cell: place.cell! });
    if (s.role !== 'value') {
      if (isBlank(cell.raw) && !cell.mergedInto) continue;
      const text = readValue(sink, cell, { ...node, kind: s.role === 'evidence' ? 'url' : 'longText' }, place);
      if (typeof text === 'string' && text.trim() !== '') (s.role === 'na' ? na : evidence)[node.pointer] = text;
      continue;
    }
    if (s.main.kind === 'option') {
      if (isBlank(cell.raw) && !cell.mergedInto && cell.formula === undefined) continue;
      const yes = readValue(sink, cell, { ...node, kind: 'boolean' }, place);
      let set = selected.get(node.pointer);
      if (!set) selected.set(node.pointer, (set = new Set()));
      if (yes === true) set.add(s.main.option!.value);
      continue;
    }
    const kindNode = s.main.kind === 'part' ? ({ ...node, kind: 'integer' } as FieldNode) : node;
    const value = readValue(sink, cell, kindNode, place);
    if (value !== undefined) setAt(out, s.main.key!, value);
  }
  for (const [pointer, set] of selected) {
    if (!set.size) continue;
    const node = layout.rows.find((r) => r.kind === 'head' && r.node.pointer === pointer)!.node;
    // Keep the definition's option order.
    setAt(out, pointer, (node.options ?? []).map((o) => o.value).filter((v) => set.has(v)));
  }
}

function tableSheetName(t: TableLayout, meta: Meta): string {
  return meta.map.find((e) => e.kind === 'table' && e.pointer === t.node.pointer)?.sheet ?? t.sheet;
}

/** The sheet of a table: its marker, else the metadata map's sheet name, else the layout's. */
function tableSheet(wb: BookView, t: TableLayout, meta: Meta): SheetView | undefined {
  const pointer = t.node.pointer;
  const metaSheet = meta.map.find((e) => e.kind === 'table' && e.pointer === pointer)?.sheet;
  return (
    wb.sheets.find((w) => cellText(w, 1, 1) === TABLE_MARKER && cellText(w, 1, 2) === pointer) ??
    wb.sheets.find((w) => w.name === metaSheet) ??
    wb.sheets.find((w) => w.name === t.sheet)
  );
}

/**
 * Reads one table sheet row by row: set up from the sheet's first rows (the
 * key row), fed every row in ascending order — from a kept sheet, or as the
 * rows stream — and finished into the report.
 */
class TableRun {
  readonly sheet: string;
  /** Rows up to this one are headers. */
  readonly keyRow: number;
  private readonly columns: { node: FieldNode; col: number }[];
  private readonly rows: Record<string, unknown>[] = [];
  private readonly sheetRows: number[] = [];
  private blanks: number[] = [];
  private readonly cells: CellRead[];

  constructor(
    head: SheetView,
    private readonly t: TableLayout,
    meta: Meta,
    private readonly sink: Sink,
  ) {
    this.sheet = head.name;
    const pointer = t.node.pointer;
    // The hidden key row gives each column's key, so moved or inserted columns are found.
    let keyRow = 0;
    for (let r = 1; r <= Math.min(head.rowCount, 60) && !keyRow; r++) if (cellText(head, r, 1) === COLUMNS_MARKER) keyRow = r;
    const byKey = new Map(t.columns.map((c) => [c.node.key, c.node]));
    let columns: { node: FieldNode; col: number }[] = [];
    if (keyRow) {
      const seen = new Set<string>();
      for (const [col, cell] of head.rowCells(keyRow)) {
        const key = str(cell.value);
        const node = key === undefined ? undefined : byKey.get(key);
        if (node && col > 1 && !seen.has(node.key)) {
          seen.add(node.key);
          columns.push({ node, col });
        }
      }
    } else {
      const anchor = meta.map.find((e) => e.kind === 'table' && e.pointer === pointer);
      keyRow = (anchor ? decode(anchor.address)?.row ?? t.firstDataRow : t.firstDataRow) - 1;
      const metaCols = meta.map.filter((e) => e.kind === 'column' && e.sheet === head.name);
      columns = metaCols.length
        ? metaCols.flatMap((e) => {
            const node = t.columns.find((c) => c.node.template === e.pointer)?.node;
            const col = decodeCol(e.address);
            return node && col ? [{ node, col }] : [];
          })
        : t.columns;
    }
    this.keyRow = keyRow;
    this.columns = columns;
    this.cells = new Array<CellRead>(columns.length);
  }

  /** One sheet row, its cells from a kept sheet or a streamed row (rows at or above the key row are ignored). */
  row(r: number, from: SheetView | readonly (CellLike | undefined)[] | undefined): void {
    if (r <= this.keyRow) return;
    const { columns, cells, sink } = this;
    const pointer = this.t.node.pointer;
    const ws = from && 'cell' in from ? from : undefined;
    const streamed = ws ? undefined : (from as readonly (CellLike | undefined)[] | undefined);
    // Plain loops: this runs once per table cell.
    let blank = true;
    for (let j = 0; j < columns.length; j++) {
      const col = columns[j]!.col;
      const cell = readCell(ws ? ws.cell(r, col) : streamed?.[col]);
      cells[j] = cell;
      if (blank && !(isBlank(cell.raw) && cell.formula === undefined && !cell.mergedInto)) blank = false;
    }
    if (blank) {
      this.blanks.push(r);
      return;
    }
    // Blank rows are reported only when data follows them (trailing blank rows are the template's).
    for (const b of this.blanks) sink.diagnostics.push(diagnostic('excel.blankRow', 'warning', { row: b }, sink.lang, { instancePath: pointer, field: this.t.node, sheet: this.sheet, cell: `${b}:${b}` }));
    this.blanks = [];
    const index = this.rows.length;
    const obj: Record<string, unknown> = {};
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j]!;
      const v = readValue(sink, cells[j]!, c.node, { table: pointer, index, node: c.node, sheet: this.sheet, row: r, col: c.col });
      if (v !== undefined) obj[c.node.key] = v;
    }
    this.rows.push(obj);
    this.sheetRows.push(r);
  }

  /** A sink for streamed rows (only rows with cells stream: the ones between are blank). */
  sinkOf(): RowSink {
    let next = this.keyRow + 1;
    return {
      row: (r, cells) => {
        for (; next < r; next++) this.row(next, undefined);
        next = Math.max(next, r + 1);
        this.row(r, cells);
      },
    };
  }

  /** Puts the rows read into the report, the diagnostics after the others, the cells into `locations`. */
  finish(out: Record<string, unknown>, diagnostics: ReportError[], locations: Locations): void {
    const pointer = this.t.node.pointer;
    if (this.sink.diagnostics !== diagnostics) diagnostics.push(...this.sink.diagnostics);
    locations.tables.set(pointer, { sheet: this.sheet, rows: this.sheetRows, cols: new Map(this.columns.map((c) => [c.node.key, c.col])) });
    if (this.rows.length) setAt(out, pointer, this.rows);
  }
}

/**
 * What the streaming reader can do before the whole workbook is parsed: once
 * the metadata sheet (parsed before large sheets) names a definition that
 * resolves, a table sheet recognised by its marker is read as its rows stream,
 * instead of being kept. Anything else — the metadata sheet renamed or parsed
 * after the table, an unknown form, a sheet without its marker — leaves the
 * sheet kept, and it is read after parsing, as in a whole load.
 */
class Early implements SheetHandler {
  /** Tables read while streaming, by pointer. */
  readonly claims = new Map<string, TableRun>();
  model?: FormModel;
  private ready?: { meta: Meta; layout: Layout };

  constructor(
    private readonly resolve: (ref: DefinitionRef) => Promise<{ ok: true; definition: Definition } | { ok: false; error: ReportError }>,
    private readonly lang: Lang,
  ) {}

  async kept(ws: SheetView, date1904: boolean): Promise<void> {
    // Only the sheet the final reading would pick: named and marked.
    if (this.ready || ws.name !== META_SHEET || cellText(ws, 1, 1) !== META_MARKER) return;
    const meta = readMeta({ sheets: [ws], date1904 });
    if (!meta?.info.form || !meta.info.version || !meta.info.variant) return;
    const def = await this.resolve({ form: meta.info.form, version: meta.info.version, variant: meta.info.variant });
    if (!def.ok) return;
    this.model = buildModel(def.definition);
    this.ready = { meta, layout: computeLayout(this.model, (meta.info.lang === 'en' ? 'en' : 'vi') as Lang) };
  }

  claim(head: SheetView, date1904: boolean, complete: boolean): RowSink | undefined {
    if (!this.ready || cellText(head, 1, 1) !== TABLE_MARKER) return undefined;
    // Wait for the key row (or for the end of the rows it may be in).
    let keyed = complete;
    for (let r = 1; r <= Math.min(head.rowCount, 60) && !keyed; r++) if (cellText(head, r, 1) === COLUMNS_MARKER) keyed = true;
    if (!keyed) return undefined;
    const pointer = cellText(head, 1, 2);
    const t = this.ready.layout.tables.find((x) => x.node.pointer === pointer);
    // A second sheet with the same marker (a copied sheet) is kept: the final reading picks between them.
    if (!t || this.claims.has(t.node.pointer)) return undefined;
    const run = new TableRun(head, t, this.ready.meta, { lang: this.lang, diagnostics: [], date1904 });
    this.claims.set(t.node.pointer, run);
    return run.sinkOf();
  }
}

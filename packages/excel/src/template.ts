/**
 * Template out: the workbook a reporting official recognises as the form —
 * title and form number, reporter / recipient / period header, sections with
 * their codes, code / label / unit / value columns, tables on their own
 * sheets with multi-level headers, footnotes, the signature block — and the
 * same workbook filled with a report ({@link writeWorkbook}). Input cells are
 * unlocked and validated, everything else is protected; a hidden metadata
 * sheet records the form identity, a content hash and the cell ↔ pointer map.
 * @module
 */
import { buildModel, formatDate, getAt } from '@bieumau/core';
import type { Definition, FieldNode, FormModel, Lang, ReportError } from '@bieumau/core';
import { addValidation, commitSheet, memorySink, protectSheet } from './adapter.js';
import type { SinkFactory, XStyle, XWorkbook, XWorksheet, XCellValue } from './adapter.js';
import { EXCEL_CELL_LIMIT, cleanText, formatMonth, literalList, numFmt, optionLabel, validation, width } from './cells.js';
import { definitionHash } from './hash.js';
import {
  LAYOUT_VERSION, LISTS_SHEET, MAIN_MARKER, MAIN_ROWS, META_MARKER, META_SHEET, TABLE_MARKER, COLUMNS_MARKER, UI,
  address, colLetter, computeLayout, layoutMap,
} from './layout.js';
import type { Layout, MainRow, TableLayout } from './layout.js';
import { diagnostic } from './messages.js';
import { normaliseZip } from './zip.js';

/** Options of {@link createTemplate}. */
export interface TemplateOptions {
  /** Language of the labels (default `vi`, the official text). */
  lang?: Lang;
  /** Blank, formatted input rows per table (default 100). */
  rows?: number;
  /** Date recorded as the workbook's created/modified time (default 2000-01-01): fixed so output is deterministic. */
  date?: Date;
}

/** Options of {@link writeWorkbook}. */
export interface WriteOptions extends TemplateOptions {
  /** Receives a diagnostic for each value that could not be written as is (control characters removed, text cut). */
  onDiagnostic?: (d: ReportError) => void;
}

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = { name: 'Times New Roman', size: 12 };
const INPUT_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF9E6' } };
const HEAD_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE8EEF7' } };
const SECTION_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF2F2F2' } };
const LOCKED = { locked: true };
const UNLOCKED = { locked: false };

const S = {
  plain: { font: FONT, protection: LOCKED } as XStyle,
  marker: { font: { ...FONT, size: 8, color: { argb: 'FF999999' } }, protection: LOCKED } as XStyle,
  title: { font: { ...FONT, size: 14, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, protection: LOCKED } as XStyle,
  center: { font: FONT, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, protection: LOCKED } as XStyle,
  italicCenter: { font: { ...FONT, italic: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, protection: LOCKED } as XStyle,
  formNumber: { font: { ...FONT, bold: true }, alignment: { horizontal: 'right', vertical: 'middle' }, protection: LOCKED } as XStyle,
  left: { font: FONT, alignment: { horizontal: 'left', vertical: 'middle', wrapText: false }, protection: LOCKED } as XStyle,
  header: { font: { ...FONT, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: BORDER, fill: HEAD_FILL, protection: LOCKED } as XStyle,
  number: { font: { ...FONT, italic: true, size: 10 }, alignment: { horizontal: 'center' }, border: BORDER, protection: LOCKED } as XStyle,
  code: { font: FONT, alignment: { horizontal: 'center', vertical: 'top' }, border: BORDER, protection: LOCKED } as XStyle,
  sectionCode: { font: { ...FONT, bold: true }, alignment: { horizontal: 'center', vertical: 'top' }, border: BORDER, fill: SECTION_FILL, protection: LOCKED } as XStyle,
  section: { font: { ...FONT, bold: true }, alignment: { vertical: 'top', wrapText: true }, border: BORDER, fill: SECTION_FILL, protection: LOCKED } as XStyle,
  cellLocked: { font: FONT, alignment: { vertical: 'top', wrapText: true }, border: BORDER, protection: LOCKED } as XStyle,
  unit: { font: FONT, alignment: { horizontal: 'center', vertical: 'top', wrapText: true }, border: BORDER, protection: LOCKED } as XStyle,
  greyed: { font: { ...FONT, italic: true, color: { argb: 'FF808080' } }, alignment: { horizontal: 'center', vertical: 'top' }, border: BORDER, fill: SECTION_FILL, protection: LOCKED } as XStyle,
  bold: { font: { ...FONT, bold: true }, alignment: { horizontal: 'center' }, protection: LOCKED } as XStyle,
  footnote: { font: { ...FONT, italic: true, size: 11 }, alignment: { vertical: 'top', wrapText: true }, protection: LOCKED } as XStyle,
  link: { font: { ...FONT, color: { argb: 'FF0563C1' }, underline: true }, alignment: { vertical: 'top', wrapText: true }, border: BORDER, protection: LOCKED } as XStyle,
};

const inputStyles = new Map<string, XStyle>();
/** One shared style object per (format, wrap): exceljs dedupes styles by value, we avoid a copy per cell. */
function inputStyle(fmt: string, wrap: boolean, horizontal?: 'left' | 'center' | 'right'): XStyle {
  const k = `${fmt}|${wrap}|${horizontal ?? ''}`;
  let s = inputStyles.get(k);
  if (!s) {
    s = { font: FONT, numFmt: fmt, alignment: { vertical: 'top', wrapText: wrap, ...(horizontal ? { horizontal } : {}) }, border: BORDER, fill: INPUT_FILL, protection: UNLOCKED };
    inputStyles.set(k, s);
  }
  return s;
}

function fieldInputStyle(node: FieldNode): XStyle {
  const wrap = node.kind === 'longText' || node.kind === 'text';
  const center = node.kind === 'boolean' || node.kind === 'date' || node.kind === 'month' || node.kind === 'year';
  return inputStyle(numFmt(node), wrap, center ? 'center' : undefined);
}

function toModel(definition: Definition | FormModel): FormModel {
  return 'sections' in definition ? definition : buildModel(definition);
}

/** Tables with more rows than this in all are written with the streaming sink, when one is given. */
const STREAM_ROWS = 5000;

/**
 * Writes the template, filled with `report` when given. `streaming` is the
 * Node entry's streaming sink, used for large tables; the package entries
 * export this as `createTemplate` and `writeWorkbook`.
 */
export async function writeWorkbookWith(report: unknown, definition: Definition | FormModel, options: WriteOptions, streaming?: SinkFactory): Promise<Uint8Array> {
  const model = toModel(definition);
  let rows = 0;
  if (report !== undefined) {
    for (const t of computeLayout(model, options.lang ?? 'vi').tables) {
      const data = getAt(report, t.node.pointer);
      if (Array.isArray(data)) rows += data.length;
    }
  }
  return build(model, report, options, streaming && rows > STREAM_ROWS ? streaming : memorySink);
}

interface Ctx {
  layout: Layout;
  lang: Lang;
  report: unknown;
  diagnostics?: ((d: ReportError) => void) | undefined;
  /** Hidden-sheet ranges of long choice lists, by their labels. */
  listRanges: Map<string, { range: string; labels: string[] }>;
  wb: XWorkbook;
}

async function build(model: FormModel, report: unknown, options: WriteOptions, sinkFactory: SinkFactory): Promise<Uint8Array> {
  const lang = options.lang ?? 'vi';
  const layout = computeLayout(model, lang);
  const sink = await sinkFactory(options.date ?? FIXED_DATE);
  const wb = sink.wb;
  wb.creator = 'bieumau';
  wb.lastModifiedBy = 'bieumau';
  wb.title = model.title[lang];
  const ctx: Ctx = { layout, lang, report, diagnostics: options.onDiagnostic, listRanges: new Map(), wb };
  // Long choice lists go to a hidden sheet; their ranges are known before any
  // sheet is written, so a streaming writer can flush each sheet when done.
  for (const node of listNodes(layout)) listRange(ctx, node);

  // Sheets are written and committed one at a time, in tab order.
  const main = wb.addWorksheet(layout.mainSheet, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    views: [{ state: 'frozen', ySplit: MAIN_ROWS.numbers, xSplit: 0, showGridLines: false }],
  });
  writeMain(ctx, main);
  await protectSheet(main, { formatColumns: true, formatRows: true });
  commitSheet(main);
  for (const t of layout.tables) {
    const ws = wb.addWorksheet(t.sheet, {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
      views: [{ state: 'frozen', ySplit: t.keyRow, xSplit: t.sttColumn, showGridLines: false }],
    });
    writeTable(ctx, ws, t, options.rows ?? 100);
    await protectSheet(ws, { formatColumns: true, formatRows: true, insertRows: true, deleteRows: true });
    commitSheet(ws);
  }
  if (ctx.listRanges.size) {
    const lists = wb.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
    [...ctx.listRanges.values()].forEach(({ labels }, col) => labels.forEach((l, i) => (lists.getCell(i + 1, col + 1).value = l)));
    await protectSheet(lists, {});
    commitSheet(lists);
  }
  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  await writeMeta(ctx, meta);
  await protectSheet(meta, {});
  commitSheet(meta);
  return normaliseZip(await sink.finish());
}

/** Choice fields and columns of a layout, in form order. */
function listNodes(layout: Layout): FieldNode[] {
  const out: FieldNode[] = [];
  for (const r of layout.rows) if (r.kind === 'field' && r.node.kind === 'choice') out.push(r.node);
  for (const t of layout.tables) for (const c of t.columns) if (c.node.kind === 'choice') out.push(c.node);
  return out;
}

function put(ws: XWorksheet, row: number, col: number, value: XCellValue, style: XStyle): void {
  const cell = ws.getCell(row, col);
  if (value !== undefined && value !== null) cell.value = value;
  cell.style = style;
}

function text(ctx: Ctx, s: string, pointer: string): string {
  const { text: cleaned, removed } = cleanText(s);
  let out = cleaned;
  if (removed) ctx.diagnostics?.(diagnostic('excel.controlCharacter', 'warning', { count: removed }, ctx.lang, { instancePath: pointer }));
  if (out.length > EXCEL_CELL_LIMIT) {
    ctx.diagnostics?.(diagnostic('excel.textTooLong', 'error', { length: out.length, limit: EXCEL_CELL_LIMIT }, ctx.lang, { instancePath: pointer }));
    out = out.slice(0, EXCEL_CELL_LIMIT);
  }
  return out;
}

/** The range on the hidden lists sheet for a choice field whose labels do not fit a literal list. */
function listRange(ctx: Ctx, node: FieldNode): string | undefined {
  if (node.kind !== 'choice') return undefined;
  const labels = (node.options ?? []).map((o) => cleanText(o.label[ctx.lang]).text);
  if (literalList(labels)) return undefined;
  const key = labels.join('\u0000');
  let r = ctx.listRanges.get(key);
  if (!r) {
    const col = colLetter(ctx.listRanges.size + 1);
    r = { range: `'${LISTS_SHEET}'!$${col}$1:$${col}$${Math.max(1, labels.length)}`, labels };
    ctx.listRanges.set(key, r);
  }
  return r.range;
}

/** A report value as a cell value, following the field kind. */
function cellValue(ctx: Ctx, node: FieldNode, value: unknown, pointer: string): XCellValue | undefined {
  if (value === undefined || value === null) return undefined;
  switch (node.kind) {
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'year':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value ? UI.yes[ctx.lang] : UI.no[ctx.lang];
      break;
    case 'choice': {
      const label = optionLabel(node, value, ctx.lang);
      if (label !== undefined) return text(ctx, label, pointer);
      break;
    }
    case 'multiChoice':
      if (Array.isArray(value)) return text(ctx, value.map((v) => optionLabel(node, v, ctx.lang) ?? String(v)).join('; '), pointer);
      break;
    case 'date':
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        const d = new Date(`${value}T00:00:00Z`);
        if (!Number.isNaN(d.getTime())) return d;
      }
      break;
    case 'month':
      if (typeof value === 'string') return text(ctx, formatMonth(value, ctx.lang), pointer);
      break;
    default:
      if (typeof value === 'string') return text(ctx, value, pointer);
  }
  // A value of the wrong type (an invalid report) is written as text, so the reader reports it where it is.
  if (typeof value === 'string') return text(ctx, value, pointer);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return text(ctx, JSON.stringify(value) ?? '', pointer);
}

function writeMain(ctx: Ctx, ws: XWorksheet): void {
  const { layout, lang, report } = ctx;
  const { columns: c, model } = layout;
  const info = model.info;
  ws.properties.defaultRowHeight = 18;
  ws.getColumn(c.key).width = 4;
  ws.getColumn(c.key).hidden = true;
  ws.getColumn(c.code).width = 9;
  ws.getColumn(c.label).width = 58;
  ws.getColumn(c.unit).width = 12;
  ws.getColumn(c.value).width = 22;
  if (c.na) ws.getColumn(c.na).width = 28;
  if (c.evidence) ws.getColumn(c.evidence).width = 32;

  // Row 1 (hidden): the sheet's identity and the role of each column, so the
  // reader finds fields even after rows or columns were inserted or the sheet renamed.
  put(ws, MAIN_ROWS.marker, c.key, MAIN_MARKER, S.marker);
  const roles: [number | undefined, string][] = [[c.code, 'code'], [c.label, 'label'], [c.unit, 'unit'], [c.value, 'value'], [c.na, 'na'], [c.evidence, 'evidence']];
  for (const [col, role] of roles) if (col) put(ws, MAIN_ROWS.marker, col, role, S.marker);
  ws.getRow(MAIN_ROWS.marker).hidden = true;

  const half = Math.max(c.label, c.last - 2);
  if (info.reporter) {
    put(ws, MAIN_ROWS.reporter, c.code, `${UI.reporter[lang]}: ${info.reporter}`, S.left);
  }
  if (info.formNumber) put(ws, MAIN_ROWS.reporter, c.last, info.formNumber, S.formNumber);
  if (info.recipient) put(ws, MAIN_ROWS.recipient, c.code, `${UI.recipient[lang]}: ${info.recipient}`, S.left);
  put(ws, MAIN_ROWS.title, c.code, model.title[lang].toUpperCase(), S.title);
  ws.mergeCells(MAIN_ROWS.title, c.code, MAIN_ROWS.title, c.last);
  ws.getRow(MAIN_ROWS.title).height = 48;
  const periodWord = info.period === 'quarter' ? UI.quarter[lang] : info.period === 'month' ? UI.month[lang] : UI.year[lang];
  let period = `${UI.period[lang]}: ${periodWord} ${info.version.split('.')[0]}`;
  if (info.window) period += ` (${UI.from[lang]} ${formatDate(info.window.from, lang)} ${UI.to[lang]} ${formatDate(info.window.to, lang)})`;
  put(ws, MAIN_ROWS.period, c.code, period, S.italicCenter);
  ws.mergeCells(MAIN_ROWS.period, c.code, MAIN_ROWS.period, c.last);
  if (info.deadline) {
    put(ws, MAIN_ROWS.deadline, c.code, `${UI.deadline[lang]}: ${formatDate(info.deadline, lang)}`, S.italicCenter);
    ws.mergeCells(MAIN_ROWS.deadline, c.code, MAIN_ROWS.deadline, c.last);
  }
  // The agency line repeats the agency field through a formula, so it follows what is typed.
  const agencyIndex = info.agencyField ? layout.rows.findIndex((r) => r.kind === 'field' && r.key === info.agencyField) : -1;
  if (agencyIndex >= 0) {
    put(ws, MAIN_ROWS.agency, c.code, `${UI.agency[lang]}:`, S.left);
    ws.mergeCells(MAIN_ROWS.agency, c.code, MAIN_ROWS.agency, c.label - 0);
    const agency = getAt(report, info.agencyField!);
    const ref = address(layout.firstRow + agencyIndex, c.value);
    put(ws, MAIN_ROWS.agency, c.unit, { formula: `IF(${ref}="","……………………",${ref})`, result: typeof agency === 'string' && agency ? cleanText(agency).text : '……………………' } as XCellValue, { ...S.left, font: { ...FONT, bold: true } });
    ws.mergeCells(MAIN_ROWS.agency, c.unit, MAIN_ROWS.agency, Math.max(c.unit, half));
  }

  const heads: [number | undefined, { vi: string; en: string }][] = [[c.code, UI.code], [c.label, UI.label], [c.unit, UI.unit], [c.value, UI.value], [c.na, UI.na], [c.evidence, UI.evidence]];
  let n = 1;
  for (const [col, t] of heads) {
    if (!col) continue;
    put(ws, MAIN_ROWS.header, col, t[lang], S.header);
    put(ws, MAIN_ROWS.numbers, col, `(${n++})`, S.number);
  }
  ws.getRow(MAIN_ROWS.header).height = 32;
  ws.pageSetup.printTitlesRow = `${MAIN_ROWS.header}:${MAIN_ROWS.numbers}`;

  layout.rows.forEach((r, i) => writeMainRow(ctx, ws, r, layout.firstRow + i));

  // Footnotes, then the signature block.
  let row = layout.firstRow + layout.rows.length + 1;
  const notes = layout.rows.filter((r) => r.kind !== 'option' && r.kind !== 'part' && r.node.footnote);
  if (notes.length) {
    put(ws, row++, c.code, `${UI.notes[lang]}:`, { ...S.footnote, font: { ...FONT, bold: true, italic: true } });
    for (const r of notes) {
      put(ws, row, c.code, `${r.code ? `(${r.code}) ` : ''}${r.node.footnote![lang]}`, S.footnote);
      ws.mergeCells(row, c.code, row, c.last);
      ws.getRow(row).height = 30;
      row++;
    }
    row++;
  }
  put(ws, row, half + 1 <= c.last ? half + 1 : c.last, UI.place[lang], { ...S.italicCenter });
  if (half + 1 < c.last) ws.mergeCells(row, half + 1, row, c.last);
  row++;
  put(ws, row, c.label, UI.preparer[lang], S.bold);
  put(ws, row, half + 1 <= c.last ? half + 1 : c.last, UI.head[lang], S.bold);
  if (half + 1 < c.last) ws.mergeCells(row, half + 1, row, c.last);
  row++;
  put(ws, row, c.label, UI.preparerSign[lang], S.italicCenter);
  put(ws, row, half + 1 <= c.last ? half + 1 : c.last, UI.headSign[lang], S.italicCenter);
  if (half + 1 < c.last) ws.mergeCells(row, half + 1, row, c.last);
  ws.headerFooter.oddFooter = lang === 'vi' ? '&CTrang &P/&N' : '&CPage &P of &N';
}

function writeMainRow(ctx: Ctx, ws: XWorksheet, r: MainRow, row: number): void {
  const { layout, lang, report } = ctx;
  const c = layout.columns;
  const node = r.node;
  if (r.key) put(ws, row, c.key, r.key, S.marker);
  const indent = Math.min(r.depth, 6);
  const labelStyle: XStyle = { ...S.cellLocked, alignment: { vertical: 'top', wrapText: true, indent } };
  const rowCells = (codeStyle: XStyle, lStyle: XStyle) => {
    put(ws, row, c.code, r.code ?? '', codeStyle);
    put(ws, row, c.label, r.label[lang], lStyle);
    put(ws, row, c.unit, r.kind === 'option' || r.kind === 'part' || r.kind === 'section' ? '' : (node.unit?.[lang] ?? ''), r.kind === 'section' ? S.section : S.unit);
  };
  const lockedRest = (from: number, style: XStyle) => {
    for (let col = from; col <= c.last; col++) put(ws, row, col, '', style);
  };
  switch (r.kind) {
    case 'section':
      rowCells(S.sectionCode, { ...S.section, alignment: { vertical: 'top', wrapText: true, indent } });
      lockedRest(c.value, S.section);
      return;
    case 'table':
      rowCells(S.code, labelStyle);
      put(ws, row, c.value, { text: `${UI.seeSheet[lang]} '${r.tableSheet}'`, hyperlink: `#'${r.tableSheet!.replace(/'/g, "''")}'!A1` } as XCellValue, S.link);
      lockedRest(c.value + 1, S.cellLocked);
      return;
    case 'readOnly':
      rowCells(S.code, labelStyle);
      put(ws, row, c.value, UI.computed[lang], S.greyed);
      lockedRest(c.value + 1, S.cellLocked);
      return;
    case 'head':
      rowCells(S.code, labelStyle);
      put(ws, row, c.value, '', S.greyed);
      break;
    case 'option': {
      rowCells(S.code, labelStyle);
      const selected = getAt(report, node.pointer);
      const on = Array.isArray(selected) && selected.includes(r.option!.value);
      put(ws, row, c.value, on ? UI.mark[lang] : undefined, inputStyle('General', false, 'center'));
      addValidation(ws, address(row, c.value), {
        type: 'list', allowBlank: true, formulae: [`"${UI.mark[lang]}"`], showErrorMessage: true,
        error: lang === 'vi' ? 'Đánh dấu x nếu chọn' : 'Mark x to select',
      });
      break;
    }
    case 'part':
    case 'field': {
      rowCells(S.code, labelStyle);
      const pointer = r.key!;
      const value = cellValue(ctx, r.kind === 'part' ? { ...node, kind: 'integer' } : node, getAt(report, pointer), pointer);
      const fieldNode = r.kind === 'part' ? ({ ...node, kind: 'integer', schema: { minimum: 0, maximum: getAt(node.schema, `/properties/${r.part}/maximum`) } } as FieldNode) : node;
      put(ws, row, c.value, value, fieldInputStyle(fieldNode));
      const v = validation(fieldNode, lang, listRange(ctx, fieldNode));
      if (v) addValidation(ws, address(row, c.value), v);
      break;
    }
  }
  // Not-applicable reason and evidence link cells: open only where the field takes them.
  if (c.na) {
    const open = (r.kind === 'field' || r.kind === 'head') && node.notApplicable;
    const reason = open ? getAt(report, '/notApplicable') : undefined;
    const v = open && reason && typeof reason === 'object' ? (reason as Record<string, unknown>)[node.pointer] : undefined;
    put(ws, row, c.na, typeof v === 'string' && Object.hasOwn(reason as object, node.pointer) ? text(ctx, v, `/notApplicable/${node.pointer.replace(/~/g, '~0').replace(/\//g, '~1')}`) : undefined, open ? inputStyle('@', true) : S.cellLocked);
  }
  if (c.evidence) {
    const open = (r.kind === 'field' || r.kind === 'head') && !!node.evidence;
    const links = open ? getAt(report, '/evidence') : undefined;
    const v = open && links && typeof links === 'object' && Object.hasOwn(links, node.pointer) ? (links as Record<string, unknown>)[node.pointer] : undefined;
    put(ws, row, c.evidence, typeof v === 'string' ? text(ctx, v, `/evidence/${node.pointer.replace(/~/g, '~0').replace(/\//g, '~1')}`) : undefined, open ? inputStyle('@', false) : S.cellLocked);
  }
}

function writeTable(ctx: Ctx, ws: XWorksheet, t: TableLayout, blankRows: number): void {
  const { lang, report, layout } = ctx;
  const node = t.node;
  const lastCol = t.columns.length ? t.columns[t.columns.length - 1]!.col : t.sttColumn;
  const sttStyle = inputStyle('General', false, 'center');
  const styles = t.columns.map(({ node: cn }) => (cn.kind === 'multiChoice' ? inputStyle('@', true) : fieldInputStyle(cn)));
  // Column styles make rows typed below the formatted ones unlocked too. Set
  // first: header cells written afterwards carry their own locked style.
  t.columns.forEach(({ col }, i) => (ws.getColumn(col).style = styles[i]!));
  ws.getColumn(t.sttColumn).style = sttStyle;
  ws.getColumn(1).width = 4;
  ws.getColumn(1).hidden = true;
  ws.getColumn(t.sttColumn).width = 6;
  put(ws, 1, 1, TABLE_MARKER, S.marker);
  put(ws, 1, 2, node.pointer, S.marker);
  ws.getRow(1).hidden = true;

  put(ws, 2, t.sttColumn, `${node.code ? `${node.code}. ` : ''}${node.label[lang]}`.toUpperCase(), { ...S.title, font: { ...FONT, size: 13, bold: true } });
  ws.mergeCells(2, t.sttColumn, 2, lastCol);
  ws.getRow(2).height = 36;
  put(ws, 3, t.sttColumn, `(${UI.attachedTo[lang]} ${layout.model.info.formNumber ?? layout.model.title[lang]})`, S.italicCenter);
  ws.mergeCells(3, t.sttColumn, 3, lastCol);

  // Header: group cells merged across their columns; a column outside any
  // group at a level merges down to the leaf row.
  const top = t.headerTop;
  const bottom = top + t.headerDepth - 1;
  const occupied = new Set<string>();
  for (const g of t.groups) {
    put(ws, top + g.row, g.from, g.label[lang], S.header);
    for (let col = g.from; col <= g.to; col++) occupied.add(`${g.row}:${col}`);
    for (let col = g.from + 1; col <= g.to; col++) put(ws, top + g.row, col, undefined, S.header);
    if (g.to > g.from) ws.mergeCells(top + g.row, g.from, top + g.row, g.to);
  }
  const leaf = (col: number, label: string) => {
    // The leaf label starts below the deepest group over this column.
    let start = 0;
    for (let lvl = 0; lvl < t.headerDepth - 1; lvl++) if (occupied.has(`${lvl}:${col}`)) start = lvl + 1;
    put(ws, top + start, col, label, S.header);
    for (let rr = top + start + 1; rr <= bottom; rr++) put(ws, rr, col, undefined, S.header);
    if (bottom > top + start) ws.mergeCells(top + start, col, bottom, col);
  };
  leaf(t.sttColumn, UI.stt[lang]);
  for (const { node: cn, col } of t.columns) {
    leaf(col, cn.unit ? `${cn.label[lang]} (${cn.unit[lang]})` : cn.label[lang]);
    ws.getColumn(col).width = width(cn, lang);
  }
  for (let rr = top; rr <= bottom; rr++) ws.getRow(rr).height = 30;
  put(ws, t.numberRow, t.sttColumn, '(1)', S.number);
  t.columns.forEach(({ col }, i) => put(ws, t.numberRow, col, `(${i + 2})`, S.number));
  // Hidden key row: the column keys, so columns are found even when moved.
  put(ws, t.keyRow, 1, COLUMNS_MARKER, S.marker);
  for (const { node: cn, col } of t.columns) put(ws, t.keyRow, col, cn.key, S.marker);
  ws.getRow(t.keyRow).hidden = true;
  ws.pageSetup.printTitlesRow = `${top}:${t.numberRow}`;
  ws.headerFooter.oddFooter = lang === 'vi' ? '&CTrang &P/&N' : '&CPage &P of &N';

  const data = getAt(report, node.pointer);
  const rows = Array.isArray(data) ? data : [];
  const count = Math.max(rows.length, blankRows);
  const last = t.firstDataRow + count - 1;
  for (let i = 0; i < count; i++) {
    const r = t.firstDataRow + i;
    const rowData = rows[i];
    put(ws, r, t.sttColumn, i < rows.length ? i + 1 : undefined, sttStyle);
    t.columns.forEach(({ node: cn, col }, j) => {
      const pointer = `${node.pointer}/${i}/${cn.key}`;
      const v = rowData && typeof rowData === 'object' ? cellValue(ctx, cn, getAt(rowData, `/${cn.key}`), pointer) : undefined;
      put(ws, r, col, v, styles[j]!);
    });
    // A streaming writer flushes the row now; in memory this does nothing.
    ws.getRow(r).commit();
  }
  for (const { node: cn, col } of t.columns) {
    const v = validation(cn, lang, listRange(ctx, cn));
    if (v && count > 0) addValidation(ws, `${colLetter(col)}${t.firstDataRow}:${colLetter(col)}${last}`, v);
  }
}

async function writeMeta(ctx: Ctx, ws: XWorksheet): Promise<void> {
  const { layout } = ctx;
  const info = layout.model.info;
  const rows: (string | number)[][] = [
    [META_MARKER, LAYOUT_VERSION],
    ['form', info.form],
    ['version', info.version],
    ['variant', info.variant],
    ['hash', await definitionHash(layout.model.definition)],
    ['lang', ctx.lang],
    ['mainSheet', layout.mainSheet],
    ['generator', '@bieumau/excel'],
    ['map', 'sheet', 'address', 'pointer', 'option'],
    ...layoutMap(layout).map((e) => [e.kind, e.sheet, e.address, e.pointer, e.option ?? '']),
  ];
  rows.forEach((values, i) =>
    values.forEach((v, j) => {
      if (v !== '') ws.getCell(i + 1, j + 1).value = v;
    }),
  );
  ws.getColumn(4).width = 40;
}

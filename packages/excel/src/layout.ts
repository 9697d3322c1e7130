/**
 * Where everything goes in a workbook, computed from the form model alone (no
 * form-specific code): the rows of the form sheet, one sheet per table with
 * its multi-level header, sheet names, and the cell ↔ JSON Pointer map the
 * metadata sheet records. The template writer and the reader share it.
 * @module
 */
import type { Definition, FieldNode, FormModel, HeaderGroupNode, Lang, OptionNode, Texts } from '@bieumau/core';
import { getAt } from '@bieumau/core';

/** Name of the hidden, protected metadata sheet. */
export const META_SHEET = '_bieumau';
/** Name of the hidden sheet holding long dropdown lists. */
export const LISTS_SHEET = '_lists';
/** Marker in A1 of the metadata sheet. */
export const META_MARKER = 'bieumau';
/** Marker in A1 of the form sheet. */
export const MAIN_MARKER = 'bieumau:main';
/** Marker in A1 of a table sheet (B1 holds the table pointer). */
export const TABLE_MARKER = 'bieumau:table';
/** Marker in column A of a table sheet's hidden key row. */
export const COLUMNS_MARKER = 'bieumau:columns';
/** Version of the workbook layout, recorded in the metadata sheet. */
export const LAYOUT_VERSION = '1';

/** What a row of the form sheet shows. */
export type MainRowKind = 'section' | 'field' | 'head' | 'option' | 'part' | 'table' | 'readOnly';

/** One row of the form sheet. */
export interface MainRow {
  kind: MainRowKind;
  node: FieldNode;
  /** Nesting depth (top-level sections are 0). */
  depth: number;
  /** The key in the hidden column A: the value's pointer, `pointer#option` for a multiple-choice option. */
  key?: string;
  /** Multiple-choice option rows. */
  option?: OptionNode;
  /** Ratio part rows: `numerator` or `denominator`. */
  part?: 'numerator' | 'denominator';
  /** Label shown in the row. */
  label: Texts;
  code?: string;
  /** Table rows: the sheet the table is on. */
  tableSheet?: string;
}

/** The columns of the form sheet (1-based). */
export interface MainColumns {
  key: 1;
  code: number;
  label: number;
  unit: number;
  value: number;
  na?: number;
  evidence?: number;
  last: number;
}

/** A table sheet. */
export interface TableLayout {
  node: FieldNode;
  sheet: string;
  /** First header row. */
  headerTop: number;
  /** Header rows (group levels + the column labels). */
  headerDepth: number;
  /** Row of the column numbers `(1) (2) …`. */
  numberRow: number;
  /** Hidden row with the column keys. */
  keyRow: number;
  firstDataRow: number;
  sttColumn: number;
  /** Each column node and its sheet column (1-based). */
  columns: { node: FieldNode; col: number }[];
  /** Header group cells: rows are 0-based within the header. */
  groups: { label: Texts; row: number; from: number; to: number }[];
}

/** The whole layout. */
export interface Layout {
  model: FormModel;
  lang: Lang;
  mainSheet: string;
  columns: MainColumns;
  /** Row of the column headers of the form sheet. */
  headerRow: number;
  /** Row of the first {@link MainRow}. */
  firstRow: number;
  rows: MainRow[];
  tables: TableLayout[];
}

/** Row numbers of the form sheet's title block. */
export const MAIN_ROWS = { marker: 1, reporter: 2, recipient: 3, title: 4, period: 5, deadline: 6, agency: 7, header: 9, numbers: 10, first: 11 } as const;

const FORBIDDEN_SHEET_CHARS = /[\\/?*:[\]\u0000-\u001f\u007f]/g;

/**
 * Makes a valid, unique Excel sheet name: no `/ \ ? * : [ ]` or control
 * characters, no leading or trailing apostrophe, at most 31 UTF-16 units
 * (a longer name is cut at a word boundary and ends with "…") without
 * splitting a surrogate pair, not `History` (reserved by Excel),
 * unique case-insensitively among `taken` (which it updates).
 */
export function sheetName(wanted: string, taken: Set<string>, fallback = 'Sheet'): string {
  let base = wanted.normalize('NFC').replace(FORBIDDEN_SHEET_CHARS, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  if (base === '' || base.toLowerCase() === 'history') base = fallback;
  // A shortened name ends at a word boundary with "…" ("3.2.3 Kết quả triển khai các…", not "…các hệ"),
  // unless the only boundary would throw away more than half of it.
  const fit = (s: string, max: number) => {
    if (s.length <= max) return s;
    let cut = s.slice(0, max - 1);
    if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
    const space = s[cut.length] === ' ' ? cut.length : cut.lastIndexOf(' ');
    if (space > max / 2) cut = cut.slice(0, space);
    cut = cut.replace(/[\s'.,;–-]+$/, '');
    return `${cut}…`;
  };
  let name = fit(base, 31);
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = fit(base, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Labels of a ratio's two parts, from the definition (English from the catalogue when there is one). */
export function ratioPartLabel(def: Definition, node: FieldNode, part: 'numerator' | 'denominator'): Texts {
  const fallback: Texts = part === 'numerator' ? { vi: 'Tử số', en: 'Numerator' } : { vi: 'Mẫu số', en: 'Denominator' };
  // The properties may sit behind a $ref: follow the location chain to the schema that holds them.
  let location = node.location;
  for (let i = 0; i < 32; i++) {
    const s = def.schemaAt(location);
    if (!s) break;
    if (s.properties && typeof s.properties === 'object') {
      const loc = { resource: location.resource, pointer: `${location.pointer}/properties/${part}` };
      const vi = def.text(loc, 'title', 'vi');
      if (!vi) break;
      return { vi, en: def.text(loc, 'title', 'en') ?? vi };
    }
    if (typeof s.$ref !== 'string') break;
    location = def.resolveRef(s.$ref, location).location;
  }
  const vi = getAt(node.schema, `/properties/${part}/title`);
  return typeof vi === 'string' ? { vi, en: vi } : fallback;
}

/** UI texts of the workbook (not from the definition). */
export const UI = {
  code: { vi: 'Mã số', en: 'Code' },
  label: { vi: 'Chỉ tiêu', en: 'Item' },
  unit: { vi: 'Đơn vị tính', en: 'Unit' },
  value: { vi: 'Số liệu', en: 'Value' },
  na: { vi: 'Không áp dụng (nêu lý do)', en: 'Not applicable (reason)' },
  evidence: { vi: 'Đường dẫn minh chứng', en: 'Evidence link' },
  stt: { vi: 'STT', en: 'No.' },
  report: { vi: 'Báo cáo', en: 'Report' },
  reporter: { vi: 'Đơn vị báo cáo', en: 'Reporting agency' },
  recipient: { vi: 'Đơn vị nhận báo cáo', en: 'Recipient' },
  agency: { vi: 'Tên cơ quan báo cáo', en: 'Reporting agency' },
  period: { vi: 'Kỳ báo cáo', en: 'Reporting period' },
  deadline: { vi: 'Hạn gửi báo cáo', en: 'Due date' },
  from: { vi: 'từ', en: 'from' },
  to: { vi: 'đến', en: 'to' },
  year: { vi: 'Năm', en: 'Year' },
  quarter: { vi: 'Quý, năm', en: 'Quarter, year' },
  month: { vi: 'Tháng, năm', en: 'Month, year' },
  seeSheet: { vi: 'Xem bảng tại trang tính', en: 'See the table on sheet' },
  attachedTo: { vi: 'Kèm theo', en: 'Attached to' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  preparer: { vi: 'NGƯỜI LẬP BIỂU', en: 'PREPARED BY' },
  preparerSign: { vi: '(Ký, ghi rõ họ tên)', en: '(Signature, full name)' },
  head: { vi: 'THỦ TRƯỞNG ĐƠN VỊ', en: 'HEAD OF THE AGENCY' },
  headSign: { vi: '(Ký tên, đóng dấu)', en: '(Signature and seal)' },
  place: { vi: '……, ngày …… tháng …… năm ……', en: '……, date ……………' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  mark: { vi: 'x', en: 'x' },
  computed: { vi: '(tự tính)', en: '(computed)' },
} satisfies Record<string, Texts>;

function tableSheetWanted(node: FieldNode, lang: Lang): string {
  return node.code ? `${node.code} ${node.label[lang]}` : node.label[lang];
}

/** Computes the layout of a definition's workbook. */
export function computeLayout(model: FormModel, lang: Lang): Layout {
  const taken = new Set<string>([META_SHEET.toLowerCase(), LISTS_SHEET.toLowerCase()]);
  const mainSheet = sheetName(model.info.formNumber ?? UI.report[lang], taken, UI.report[lang]);
  const rows: MainRow[] = [];
  const tables: TableLayout[] = [];
  let anyNa = false;
  let anyEvidence = false;

  const visit = (node: FieldNode, depth: number) => {
    const base = { node, depth, label: node.label, ...(node.code ? { code: node.code } : {}) };
    if (node.notApplicable) anyNa = true;
    if (node.evidence) anyEvidence = true;
    switch (node.kind) {
      case 'section':
        rows.push({ ...base, kind: 'section' });
        for (const c of node.children ?? []) visit(c, depth + 1);
        return;
      case 'table': {
        const sheet = sheetName(tableSheetWanted(node, lang), taken, `Table ${tables.length + 1}`);
        tables.push(tableLayout(node, sheet));
        rows.push({ ...base, kind: 'table', key: node.pointer, tableSheet: sheet });
        return;
      }
      case 'ratio':
        rows.push({ ...base, kind: 'head', key: node.pointer });
        for (const part of ['numerator', 'denominator'] as const) {
          rows.push({ kind: 'part', node, depth: depth + 1, part, key: `${node.pointer}/${part}`, label: ratioPartLabel(model.definition, node, part) });
        }
        return;
      case 'multiChoice':
        rows.push({ ...base, kind: 'head', key: node.pointer });
        for (const option of node.options ?? []) {
          rows.push({ kind: 'option', node, depth: depth + 1, option, key: `${node.pointer}#${String(option.value)}`, label: option.label });
        }
        return;
      default:
        if (node.readOnly) rows.push({ ...base, kind: 'readOnly' });
        else rows.push({ ...base, kind: 'field', key: node.pointer });
    }
  };
  for (const s of model.sections) visit(s, 0);

  let col = 2;
  const columns: MainColumns = { key: 1, code: col++, label: col++, unit: col++, value: col++, last: 0 };
  if (anyNa) columns.na = col++;
  if (anyEvidence) columns.evidence = col++;
  columns.last = col - 1;
  return { model, lang, mainSheet, columns, headerRow: MAIN_ROWS.header, firstRow: MAIN_ROWS.first, rows, tables };
}

function groupDepth(groups: HeaderGroupNode[] | undefined): number {
  if (!groups?.length) return 0;
  return 1 + Math.max(0, ...groups.map((g) => groupDepth(g.columns.filter((c): c is HeaderGroupNode => typeof c !== 'string'))));
}

/** Lays out a table sheet: header groups over the columns they list, leaf labels below. */
function tableLayout(node: FieldNode, sheet: string): TableLayout {
  const headerTop = 4;
  const depth = groupDepth(node.headerGroups) + 1;
  const sttColumn = 2;
  const columns = (node.columns ?? []).map((c, i) => ({ node: c, col: sttColumn + 1 + i }));
  const colOf = new Map(columns.map((c) => [c.node.key, c.col]));
  const groups: TableLayout['groups'] = [];
  // Each group spans the columns it lists (directly or through nested groups).
  const place = (g: HeaderGroupNode, level: number): number[] => {
    const cols: number[] = [];
    for (const c of g.columns) {
      if (typeof c === 'string') {
        const n = colOf.get(c);
        if (n !== undefined) cols.push(n);
      } else cols.push(...place(c, level + 1));
    }
    if (cols.length) {
      // A group whose columns are not adjacent is drawn over each adjacent run.
      const sorted = [...new Set(cols)].sort((a, b) => a - b);
      let from = sorted[0]!;
      for (let i = 1; i <= sorted.length; i++) {
        if (i === sorted.length || sorted[i] !== sorted[i - 1]! + 1) {
          groups.push({ label: g.label, row: level, from, to: sorted[i - 1]! });
          if (i < sorted.length) from = sorted[i]!;
        }
      }
    }
    return cols;
  };
  for (const g of node.headerGroups ?? []) place(g, 0);
  const numberRow = headerTop + depth;
  return {
    node,
    sheet,
    headerTop,
    headerDepth: depth,
    numberRow,
    keyRow: numberRow + 1,
    firstDataRow: numberRow + 2,
    sttColumn,
    columns,
    groups,
  };
}

/** Column letters of a 1-based column number. */
export function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** `E12` from a row and column. */
export function address(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}

/** One entry of the cell ↔ pointer map of the metadata sheet. */
export interface MapEntry {
  /** `field` (value cell), `option` (a multiple-choice option cell), `na`, `evidence`, `table` (first data row), `column` (a table column). */
  kind: 'field' | 'option' | 'na' | 'evidence' | 'table' | 'column';
  sheet: string;
  /** A cell (`E12`), or a column letter for `column`. */
  address: string;
  /** JSON Pointer (for columns, the template with `*`). */
  pointer: string;
  /** Option value (`String(value)`) for `option`. */
  option?: string;
}

/** The cell ↔ pointer map of a layout. */
export function layoutMap(layout: Layout): MapEntry[] {
  const out: MapEntry[] = [];
  const { columns: c } = layout;
  layout.rows.forEach((r, i) => {
    const row = layout.firstRow + i;
    if (r.kind === 'field' || r.kind === 'part') out.push({ kind: 'field', sheet: layout.mainSheet, address: address(row, c.value), pointer: r.key! });
    if (r.kind === 'option') out.push({ kind: 'option', sheet: layout.mainSheet, address: address(row, c.value), pointer: r.node.pointer, option: String(r.option!.value) });
    if ((r.kind === 'field' || r.kind === 'head') && r.node.notApplicable && c.na) out.push({ kind: 'na', sheet: layout.mainSheet, address: address(row, c.na), pointer: r.node.pointer });
    if ((r.kind === 'field' || r.kind === 'head') && r.node.evidence && c.evidence) out.push({ kind: 'evidence', sheet: layout.mainSheet, address: address(row, c.evidence), pointer: r.node.pointer });
  });
  for (const t of layout.tables) {
    out.push({ kind: 'table', sheet: t.sheet, address: address(t.firstDataRow, t.sttColumn), pointer: t.node.pointer });
    for (const col of t.columns) out.push({ kind: 'column', sheet: t.sheet, address: colLetter(col.col), pointer: col.node.template });
  }
  return out;
}

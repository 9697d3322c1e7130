/**
 * Diagnostics of the Excel views, in the shared error shape (`ReportError`)
 * with `sheet` and `cell`. Messages are rendered from `params`, in Vietnamese
 * by default or English, and name the cell and the field by code and label.
 * @module
 */
import { fieldReference } from '@bieumau/core';
import type { FieldNode, Lang, ReportError, Severity } from '@bieumau/core';

/** Every keyword the Excel views report. */
export type ExcelKeyword =
  | 'excel.tooLarge'
  | 'excel.zipBomb'
  | 'excel.notAZip'
  | 'excel.corrupt'
  | 'excel.tooManyEntries'
  | 'excel.unreadable'
  | 'excel.notOurWorkbook'
  | 'excel.otherVersion'
  | 'excel.otherForm'
  | 'excel.unknownDefinition'
  | 'excel.definitionChanged'
  | 'excel.sheetMissing'
  | 'excel.notANumber'
  | 'excel.notAnInteger'
  | 'excel.ambiguousNumber'
  | 'excel.ambiguousPercent'
  | 'excel.tooPrecise'
  | 'excel.precisionLost'
  | 'excel.notABoolean'
  | 'excel.unknownChoice'
  | 'excel.ambiguousChoice'
  | 'excel.notADate'
  | 'excel.invalidDate'
  | 'excel.notAMonth'
  | 'excel.formula'
  | 'excel.formulaNoResult'
  | 'excel.errorValue'
  | 'excel.blankRow'
  | 'excel.mergedCell'
  | 'excel.controlCharacter'
  | 'excel.textTooLong'
  | 'excel.notAText';

type Render = (p: Record<string, unknown>) => string;

const q = (v: unknown) => JSON.stringify(typeof v === 'string' ? v : String(v));
const mb = (n: unknown) => `${(Number(n) / 2 ** 20).toFixed(1)} MB`;
const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => String(x)).join('; ') : String(v));

/** The message catalogue: one renderer per keyword and language. */
const CATALOGUE: Record<ExcelKeyword, Record<Lang, Render>> = {
  'excel.tooLarge': {
    vi: (p) => `Tệp quá lớn (${mb(p.size)}; tối đa ${mb(p.limit)})`,
    en: (p) => `The file is too large (${mb(p.size)}; at most ${mb(p.limit)})`,
  },
  'excel.zipBomb': {
    vi: (p) => `Tệp bị từ chối: phần ${q(p.entry)} giải nén ra quá lớn hoặc tỷ lệ nén bất thường (có thể là "bom zip")`,
    en: (p) => `File refused: entry ${q(p.entry)} inflates too large or at an abnormal ratio (a possible zip bomb)`,
  },
  'excel.notAZip': {
    vi: () => 'Tệp không phải tệp Excel .xlsx (không phải định dạng zip)',
    en: () => 'The file is not an Excel .xlsx workbook (not a zip archive)',
  },
  'excel.corrupt': {
    vi: (p) => `Tệp Excel bị hỏng hoặc không đầy đủ (${String(p.reason)})`,
    en: (p) => `The Excel file is damaged or truncated (${String(p.reason)})`,
  },
  'excel.tooManyEntries': {
    vi: (p) => `Tệp có quá nhiều thành phần (${String(p.entries)}; tối đa ${String(p.limit)})`,
    en: (p) => `The file has too many parts (${String(p.entries)}; at most ${String(p.limit)})`,
  },
  'excel.unreadable': {
    vi: (p) => `Không đọc được tệp Excel: ${String(p.reason)}`,
    en: (p) => `The Excel file cannot be read: ${String(p.reason)}`,
  },
  'excel.notOurWorkbook': {
    vi: () => 'Tệp này không phải biểu mẫu báo cáo tạo từ bieumau (không có trang thông tin biểu mẫu); hãy tải mẫu Excel và nhập lại số liệu',
    en: () => 'This file is not a report workbook made by bieumau (it has no form information sheet); download the Excel template and enter the figures in it',
  },
  'excel.otherVersion': {
    vi: (p) => `Tệp này là biểu mẫu năm ${String(p.version)} (${String(p.form)}, ${String(p.variant)}), không phải năm ${String(p.expectedVersion)}`,
    en: (p) => `This file is the ${String(p.version)} form (${String(p.form)}, ${String(p.variant)}), not the ${String(p.expectedVersion)} one`,
  },
  'excel.otherForm': {
    vi: (p) => `Tệp này là biểu mẫu ${String(p.form)}@${String(p.version)}/${String(p.variant)}, không phải ${String(p.expected)}`,
    en: (p) => `This file is the form ${String(p.form)}@${String(p.version)}/${String(p.variant)}, not ${String(p.expected)}`,
  },
  'excel.unknownDefinition': {
    vi: (p) => `Tệp được tạo từ biểu mẫu ${String(p.form)}@${String(p.version)}/${String(p.variant)}, nhưng không tìm thấy định nghĩa này`,
    en: (p) => `The file was made from the form ${String(p.form)}@${String(p.version)}/${String(p.variant)}, which cannot be found`,
  },
  'excel.definitionChanged': {
    vi: () => 'Tệp được tạo từ một bản khác của định nghĩa biểu mẫu (mã băm khác); số liệu được đọc theo mã trường',
    en: () => 'The file was made from a different revision of the definition (hash differs); values are read by field key',
  },
  'excel.sheetMissing': {
    vi: (p) => `Không tìm thấy trang tính của bảng (${String(p.sheet)}); bảng được bỏ qua`,
    en: (p) => `The sheet of the table (${String(p.sheet)}) is missing; the table is skipped`,
  },
  'excel.notANumber': {
    vi: (p) => `${q(p.text)} không phải là số`,
    en: (p) => `${q(p.text)} is not a number`,
  },
  'excel.notAnInteger': {
    vi: (p) => `${String(p.value)} không phải là số nguyên`,
    en: (p) => `${String(p.value)} is not a whole number`,
  },
  'excel.ambiguousNumber': {
    vi: (p) => `${q(p.text)} có thể hiểu là ${list(p.readings)}; hãy nhập rõ (ví dụ 1234 hoặc 1,234)`,
    en: (p) => `${q(p.text)} could mean ${list(p.readings)}; type it unambiguously (e.g. 1234 or 1,234)`,
  },
  'excel.ambiguousPercent': {
    vi: (p) => `${q(p.text)}: tỷ lệ nhỏ hơn 1 — đã đọc là ${String(p.value)}%; nếu ý là ${String(p.alternative)}% hãy nhập lại`,
    en: (p) => `${q(p.text)}: a percentage below 1 — read as ${String(p.value)}%; if you meant ${String(p.alternative)}% type it again`,
  },
  'excel.tooPrecise': {
    vi: (p) => `${q(p.text)} có quá nhiều chữ số (tối đa 15)`,
    en: (p) => `${q(p.text)} has too many digits (at most 15)`,
  },
  'excel.precisionLost': {
    vi: (p) => `số ${String(p.value)} quá dài, Excel đã làm tròn; hãy nhập dạng văn bản`,
    en: (p) => `the number ${String(p.value)} is too long and Excel rounded it; type it as text`,
  },
  'excel.notABoolean': {
    vi: (p) => `${q(p.text)} không phải Có/Không (nhập "Có", "Không" hoặc "x")`,
    en: (p) => `${q(p.text)} is not Yes/No (type "Yes", "No" or "x")`,
  },
  'excel.unknownChoice': {
    vi: (p) => `${q(p.text)} không có trong danh sách lựa chọn: ${list(p.allowed)}`,
    en: (p) => `${q(p.text)} is not one of the options: ${list(p.allowed)}`,
  },
  'excel.ambiguousChoice': {
    vi: (p) => `${q(p.text)} khớp với nhiều lựa chọn: ${list(p.candidates)}`,
    en: (p) => `${q(p.text)} matches several options: ${list(p.candidates)}`,
  },
  'excel.notADate': {
    vi: (p) => `${q(p.text)} không phải là ngày (nhập dạng ngày/tháng/năm, ví dụ 20/11/2025)`,
    en: (p) => `${q(p.text)} is not a date (type day/month/year, e.g. 20/11/2025)`,
  },
  'excel.invalidDate': {
    vi: (p) => `ngày ${q(p.text)} không tồn tại`,
    en: (p) => `the date ${q(p.text)} does not exist`,
  },
  'excel.notAMonth': {
    vi: (p) => `${q(p.text)} không phải là tháng (nhập dạng tháng/năm, ví dụ 03/2024)`,
    en: (p) => `${q(p.text)} is not a month (type month/year, e.g. 03/2024)`,
  },
  'excel.formula': {
    vi: (p) => `ô chứa công thức =${String(p.formula)}; đã lấy kết quả ${q(p.result)} — hãy nhập giá trị thay cho công thức`,
    en: (p) => `the cell holds the formula =${String(p.formula)}; its result ${q(p.result)} was used — type the value instead`,
  },
  'excel.formulaNoResult': {
    vi: (p) => `ô chứa công thức =${String(p.formula)} nhưng không có kết quả đã tính; hãy nhập giá trị`,
    en: (p) => `the cell holds the formula =${String(p.formula)} with no calculated result; type the value`,
  },
  'excel.errorValue': {
    vi: (p) => `ô chứa lỗi ${String(p.error)}`,
    en: (p) => `the cell holds the error ${String(p.error)}`,
  },
  'excel.blankRow': {
    vi: (p) => `dòng ${String(p.row)} để trống giữa bảng và được bỏ qua`,
    en: (p) => `row ${String(p.row)} is blank inside the table and was skipped`,
  },
  'excel.mergedCell': {
    vi: (p) => `ô đã bị gộp với ô ${String(p.master)}; giá trị được bỏ qua`,
    en: (p) => `the cell was merged into ${String(p.master)}; its value was ignored`,
  },
  'excel.controlCharacter': {
    vi: (p) => `đã bỏ ${String(p.count)} ký tự điều khiển không hợp lệ`,
    en: (p) => `${String(p.count)} invalid control character(s) removed`,
  },
  'excel.textTooLong': {
    vi: (p) => `văn bản dài ${String(p.length)} ký tự, vượt giới hạn ${String(p.limit)} của một ô Excel; đã cắt bớt`,
    en: (p) => `the text is ${String(p.length)} characters long, over the ${String(p.limit)} limit of an Excel cell; it was cut`,
  },
  'excel.notAText': {
    vi: (p) => `giá trị ${q(p.text)} không đọc được thành văn bản`,
    en: (p) => `the value ${q(p.text)} cannot be read as text`,
  },
};

/** Where a diagnostic points: the field, the report pointer, the sheet and cell. */
export interface Place {
  instancePath: string;
  field?: FieldNode | undefined;
  sheet?: string | undefined;
  cell?: string | undefined;
}

/** `'Sheet name'!E12` (quotes doubled as Excel does). */
export function cellRef(sheet: string | undefined, cell: string | undefined): string {
  if (!sheet) return cell ?? '';
  const s = `'${sheet.replace(/'/g, "''")}'`;
  return cell ? `${s}!${cell}` : s;
}

/** Renders the message of a diagnostic from its params. */
export function renderMessage(keyword: ExcelKeyword, params: Record<string, unknown>, lang: Lang, place?: Place): string {
  const body = CATALOGUE[keyword][lang](params);
  const parts: string[] = [];
  const where = cellRef(place?.sheet, place?.cell);
  if (where) parts.push(where);
  const ref = fieldReference(place?.field, lang);
  if (ref) parts.push(ref);
  return parts.length ? `${parts.join(' – ')}: ${body}` : body.charAt(0).toUpperCase() + body.slice(1);
}

/** Builds a diagnostic in the shared error shape. */
export function diagnostic(
  keyword: ExcelKeyword,
  severity: Severity,
  params: Record<string, unknown>,
  lang: Lang,
  place: Place = { instancePath: '' },
): ReportError {
  const d: ReportError = { instancePath: place.instancePath, keyword, params, severity, message: renderMessage(keyword, params, lang, place) };
  if (place.sheet !== undefined) d.sheet = place.sheet;
  if (place.cell !== undefined) d.cell = place.cell;
  return d;
}

/**
 * Our message catalogue, Vietnamese first, then English. ajv's English
 * sentences never reach a user: every error is rendered here from its
 * `keyword` and `params`, so any language (or a back end in another runtime)
 * renders the same problem from the same data.
 * @module
 */
import type { Lang } from '@bieumau/core';
import { formatNumber } from '@bieumau/core';

/** The data a message needs about the field it is about (kept small so precompiled modules embed it). */
export interface MessageField {
  /** Field kind (`integer`, `url`, `table`, …) when the pointer names a node of the form. */
  kind?: string;
  /** Option labels of a choice field, by `String(value)`. */
  options?: { value: string | number; label: { vi: string; en: string } }[];
}

const TYPE_NAMES: Record<Lang, Record<string, string>> = {
  vi: {
    integer: 'số nguyên',
    number: 'số',
    string: 'văn bản',
    boolean: 'giá trị có/không',
    object: 'nhóm thông tin',
    array: 'danh sách',
    null: 'giá trị rỗng',
  },
  en: {
    integer: 'a whole number',
    number: 'a number',
    string: 'text',
    boolean: 'yes or no',
    object: 'a group of fields',
    array: 'a list',
    null: 'empty',
  },
};

/**
 * Formats one interpolated value: numbers per language (`1.234,5` / `1,234.5`,
 * no grouping for years), booleans as words, lists joined, strings quoted
 * only by the template. Non-finite numbers and blanks become an em dash.
 */
export function formatValue(value: unknown, lang: Lang, grouping = true): string {
  if (typeof value === 'number') {
    // 0–999 (not -0) print as plain digits in both languages (no separator, no decimals), without a trip through Intl.
    if (Number.isInteger(value) && (value > 0 || Object.is(value, 0)) && value < 1000) return String(value);
    return Number.isFinite(value) ? formatNumber(value, lang, { grouping }) : '—';
  }
  if (typeof value === 'boolean') return lang === 'vi' ? (value ? 'có' : 'không') : value ? 'yes' : 'no';
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => formatValue(v, lang, grouping)).join(', ');
  if (typeof value === 'string') return value.length > 120 ? `${value.slice(0, 119)}…` : value;
  return '…';
}

/** Replaces `{name}` with the formatted param; unknown names are left as written. */
export function interpolate(template: string, params: Record<string, unknown>, lang: Lang, grouping = true): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? formatValue(params[name], lang, grouping) : whole,
  );
}

function optionList(field: MessageField | undefined, allowed: unknown, lang: Lang): string {
  const values = Array.isArray(allowed) ? allowed : [];
  const labels = values.map((v) => {
    const o = field?.options?.find((x) => x.value === v);
    return o ? `«${o.label[lang]}»` : `«${formatValue(v, lang, false)}»`;
  });
  return labels.length > 12 ? `${labels.slice(0, 12).join(', ')}, …` : labels.join(', ');
}

type Render = (p: Record<string, unknown>, field: MessageField | undefined, lang: Lang) => string;

const n = (v: unknown, lang: Lang, field?: MessageField) => formatValue(v, lang, field?.kind !== 'year');

const VI: Record<string, Render> = {
  required: () => 'chưa được điền; đây là mục bắt buộc',
  type: (p) => `phải là ${String(p.type).split(',').map((t) => TYPE_NAMES.vi[t] ?? t).join(' hoặc ')}`,
  minimum: (p, f) => `phải lớn hơn hoặc bằng ${n(p.limit, 'vi', f)}`,
  maximum: (p, f) => `phải nhỏ hơn hoặc bằng ${n(p.limit, 'vi', f)}`,
  exclusiveMinimum: (p, f) => `phải lớn hơn ${n(p.limit, 'vi', f)}`,
  exclusiveMaximum: (p, f) => `phải nhỏ hơn ${n(p.limit, 'vi', f)}`,
  multipleOf: (p) => `phải là bội số của ${n(p.multipleOf, 'vi')}`,
  minLength: (p) => (p.limit === 1 ? 'không được để trống' : `phải có ít nhất ${n(p.limit, 'vi')} ký tự`),
  maxLength: (p) => `không được dài quá ${n(p.limit, 'vi')} ký tự`,
  pattern: (_p, f) =>
    f?.kind === 'url'
      ? 'phải là địa chỉ bắt đầu bằng http:// hoặc https://'
      : f?.kind === 'month'
        ? 'phải có dạng năm-tháng, ví dụ 2019-03'
        : f?.kind === 'phone'
          ? 'không đúng định dạng số điện thoại'
          : 'không đúng định dạng quy định',
  format: (p) =>
    p.format === 'date'
      ? 'không phải ngày hợp lệ (dạng năm-tháng-ngày, ví dụ 2019-12-31)'
      : p.format === 'email'
        ? 'không phải địa chỉ thư điện tử hợp lệ'
        : p.format === 'uri' || p.format === 'url'
          ? 'không phải địa chỉ web hợp lệ'
          : `không đúng định dạng ${String(p.format)}`,
  enum: (p, f) => `phải là một trong các giá trị: ${optionList(f, p.allowedValues, 'vi')}`,
  const: (p) => `phải là «${formatValue(p.allowedValue, 'vi', false)}»`,
  additionalProperties: (p) => `có thông tin không thuộc biểu mẫu («${String(p.additionalProperty)}»)`,
  maxItems: (p, f) => (f?.kind === 'multiChoice' ? `chọn không quá ${n(p.limit, 'vi')} mục` : `không được quá ${n(p.limit, 'vi')} dòng`),
  minItems: (p, f) => (f?.kind === 'multiChoice' ? `cần chọn ít nhất ${n(p.limit, 'vi')} mục` : `cần ít nhất ${n(p.limit, 'vi')} dòng`),
  uniqueItems: (p) => `có giá trị trùng nhau (vị trí ${n(Number(p.j) + 1, 'vi')} và ${n(Number(p.i) + 1, 'vi')})`,
  maxProperties: (p) => `không được quá ${n(p.limit, 'vi')} mục`,
  minProperties: (p) => `cần ít nhất ${n(p.limit, 'vi')} mục`,
  propertyNames: (p) => `tên «${String(p.propertyName)}» không hợp lệ`,
  bmNotJson: (p) => `không phải giá trị hợp lệ trong JSON (${String(p.found)})`,
  bmCircular: () => 'là tham chiếu vòng (chứa chính nó), không biểu diễn được bằng JSON',
  bmTooDeep: (p) => `lồng nhau quá sâu (tối đa ${n(p.limit, 'vi')} cấp)`,
  bmTooManyErrors: (p) => `còn ${n(p.omitted, 'vi')} lỗi khác không được liệt kê (chỉ liệt kê ${n(p.limit, 'vi')} lỗi đầu tiên)`,
  bmNotApplicable: (p) => `«${String(p.pointer)}» không phải mục được phép đánh dấu không áp dụng`,
  bmNotApplicableReason: () => 'cần nêu lý do không áp dụng',
  bmNotApplicableConflict: () => 'đã đánh dấu không áp dụng nhưng vẫn có giá trị; hãy xóa giá trị hoặc bỏ đánh dấu',
  bmEvidenceRequired: () => 'cần đường dẫn minh chứng (http:// hoặc https://)',
  bmEvidence: (p) => `«${String(p.pointer)}» không phải mục nhận đường dẫn minh chứng`,
  bmUnknownDefinition: (p) =>
    Array.isArray(p.available) && p.available.length
      ? `không có biểu mẫu ${String(p.form)} phiên bản ${String(p.version)}, loại ${String(p.variant)}; hiện có: ${p.available.join(', ')}`
      : `không có biểu mẫu ${String(p.form)} phiên bản ${String(p.version)}, loại ${String(p.variant)}`,
  bmMissingDefinition: () => 'báo cáo không ghi rõ biểu mẫu: cần thuộc tính "definition" với form, version và variant',
  bmRuleFailed: (p) => `không kiểm tra được quy tắc ${String(p.rule)}`,
  bmInternal: () => 'lỗi không mong đợi khi kiểm tra báo cáo',
};

const EN: Record<string, Render> = {
  required: () => 'is required',
  type: (p) => `must be ${String(p.type).split(',').map((t) => TYPE_NAMES.en[t] ?? t).join(' or ')}`,
  minimum: (p, f) => `must be at least ${n(p.limit, 'en', f)}`,
  maximum: (p, f) => `must be at most ${n(p.limit, 'en', f)}`,
  exclusiveMinimum: (p, f) => `must be greater than ${n(p.limit, 'en', f)}`,
  exclusiveMaximum: (p, f) => `must be less than ${n(p.limit, 'en', f)}`,
  multipleOf: (p) => `must be a multiple of ${n(p.multipleOf, 'en')}`,
  minLength: (p) => (p.limit === 1 ? 'must not be empty' : `must be at least ${n(p.limit, 'en')} characters long`),
  maxLength: (p) => `must be at most ${n(p.limit, 'en')} characters long`,
  pattern: (_p, f) =>
    f?.kind === 'url'
      ? 'must be an address starting with http:// or https://'
      : f?.kind === 'month'
        ? 'must be a year and month, e.g. 2019-03'
        : f?.kind === 'phone'
          ? 'is not a valid phone number'
          : 'does not have the required format',
  format: (p) =>
    p.format === 'date'
      ? 'is not a valid date (year-month-day, e.g. 2019-12-31)'
      : p.format === 'email'
        ? 'is not a valid e-mail address'
        : p.format === 'uri' || p.format === 'url'
          ? 'is not a valid web address'
          : `is not a valid ${String(p.format)}`,
  enum: (p, f) => `must be one of: ${optionList(f, p.allowedValues, 'en')}`,
  const: (p) => `must be “${formatValue(p.allowedValue, 'en', false)}”`,
  additionalProperties: (p) => `contains something that is not on the form (“${String(p.additionalProperty)}”)`,
  maxItems: (p, f) => (f?.kind === 'multiChoice' ? `choose at most ${n(p.limit, 'en')}` : `must have at most ${n(p.limit, 'en')} rows`),
  minItems: (p, f) => (f?.kind === 'multiChoice' ? `choose at least ${n(p.limit, 'en')}` : `must have at least ${n(p.limit, 'en')} rows`),
  uniqueItems: (p) => `has duplicate values (positions ${n(Number(p.j) + 1, 'en')} and ${n(Number(p.i) + 1, 'en')})`,
  maxProperties: (p) => `must have at most ${n(p.limit, 'en')} entries`,
  minProperties: (p) => `must have at least ${n(p.limit, 'en')} entries`,
  propertyNames: (p) => `the key “${String(p.propertyName)}” is not valid`,
  bmNotJson: (p) => `is not a valid JSON value (${String(p.found)})`,
  bmCircular: () => 'is a circular reference (it contains itself) and cannot be represented in JSON',
  bmTooDeep: (p) => `is nested too deeply (at most ${n(p.limit, 'en')} levels)`,
  bmTooManyErrors: (p) => `${n(p.omitted, 'en')} more errors not listed (only the first ${n(p.limit, 'en')} are)`,
  bmNotApplicable: (p) => `“${String(p.pointer)}” is not a field that may be marked not applicable`,
  bmNotApplicableReason: () => 'needs a reason why it is not applicable',
  bmNotApplicableConflict: () => 'is marked not applicable but has a value; remove the value or the mark',
  bmEvidenceRequired: () => 'needs an evidence link (http:// or https://)',
  bmEvidence: (p) => `“${String(p.pointer)}” is not a field that takes an evidence link`,
  bmUnknownDefinition: (p) =>
    Array.isArray(p.available) && p.available.length
      ? `there is no form ${String(p.form)} version ${String(p.version)}, variant ${String(p.variant)}; available: ${p.available.join(', ')}`
      : `there is no form ${String(p.form)} version ${String(p.version)}, variant ${String(p.variant)}`,
  bmMissingDefinition: () => 'the report does not name its form: it needs a "definition" property with form, version and variant',
  bmRuleFailed: (p) => `the rule ${String(p.rule)} could not be checked`,
  bmInternal: () => 'unexpected failure while checking the report',
};

/** Messages by language, keyed by keyword. Exported so views and tests can list what is covered. */
export const MESSAGES: Record<Lang, Readonly<Record<string, Render>>> = { vi: VI, en: EN };

/**
 * Renders the message text (without the field reference) of a schema keyword
 * or one of our own keywords. Unknown keywords get a generic sentence rather
 * than ajv's English.
 */
export function keywordMessage(keyword: string, params: Record<string, unknown>, field: MessageField | undefined, lang: Lang): string {
  const r = (lang === 'en' ? EN : VI)[keyword];
  if (r) return r(params, field, lang);
  return lang === 'en' ? 'is not valid' : 'giá trị không hợp lệ';
}

/**
 * Every message the CLI and its engines print, in Vietnamese (official, the
 * default) and English. Messages are rendered from named parameters, so
 * machine-readable output (`--format json`) carries the same parameters.
 * @module
 */
import type { Lang } from '@bieumau/core';

const vi = {
  // migrate
  'migrate.unknownField': 'giá trị không thuộc biểu mẫu phiên bản {version}',
  'migrate.noTarget': 'phiên bản {version} không có trường {target}',
  'migrate.incompatible': 'giá trị {value} không hợp với trường {target} ({kind}{options})',
  'migrate.valueNotMapped': 'bảng chuyển đổi không có giá trị {value}',
  'migrate.conflict': 'trường {target} đã nhận một giá trị khác',
  'migrate.computedEmpty': 'phép tính chuyển đổi không cho giá trị',
  'migrate.mergeFailed': 'không ghi được giá trị gộp vào {target}',
  'migrate.notApplicableNotAllowed': 'trường {target} của phiên bản {version} không cho phép đánh dấu "không áp dụng"',
  'migrate.evidenceNotAllowed': 'trường {target} của phiên bản {version} không nhận đường dẫn minh chứng',
  // diff: change kinds
  'diff.added': 'Thêm',
  'diff.removed': 'Bỏ',
  'diff.moved': 'Chuyển/đổi tên',
  'diff.retyped': 'Đổi kiểu',
  'diff.relabelled': 'Đổi nhãn',
  'diff.recoded': 'Đổi mã mục',
  'diff.nowRequired': 'Thành bắt buộc',
  'diff.nowOptional': 'Thôi bắt buộc',
  'diff.optionsChanged': 'Đổi các lựa chọn',
  'diff.optionRelabelled': 'Đổi nhãn lựa chọn',
  'diff.constraintChanged': 'Đổi ràng buộc',
  'diff.unitChanged': 'Đổi đơn vị tính',
  'diff.notApplicableChanged': 'Đổi "không áp dụng"',
  'diff.evidenceChanged': 'Đổi minh chứng',
  'diff.ruleAdded': 'Thêm quy tắc',
  'diff.ruleRemoved': 'Bỏ quy tắc',
  'diff.ruleChanged': 'Sửa quy tắc',
  'diff.ruleMessageChanged': 'Sửa thông báo quy tắc',
  'diff.variantAdded': 'Thêm loại đơn vị báo cáo',
  'diff.variantRemoved': 'Bỏ loại đơn vị báo cáo',
  'diff.formInfoChanged': 'Đổi thông tin biểu mẫu',
  'diff.title': '{form} {from} → {to}',
  'diff.summary': '**{breaking}** thay đổi không tương thích và **{compatible}** thay đổi tương thích với báo cáo đã có. Loại đơn vị báo cáo: {variants}.',
  'diff.breaking': 'Không tương thích (báo cáo đã có cần chuyển đổi)',
  'diff.compatible': 'Tương thích',
  'diff.none': 'Không có thay đổi.',
  'diff.onlyVariants': 'chỉ {variants}',
  'diff.migration': 'chuyển đổi: {how}',
  'diff.migrationHint': 'Chuyển báo cáo cũ: `bieumau migrate <báo-cáo.json> --to {to}`.',
  'diff.recodedMany': '{count} mục được đánh số lại, ví dụ {examples}',
  'diff.kind.section': 'mục',
  'diff.kind.table': 'bảng',
  'diff.kind.field': 'trường',
  'diff.kind.column': 'cột',
} as const;

/** A message id. */
export type MessageId = keyof typeof vi;

const en: Record<MessageId, string> = {
  'migrate.unknownField': 'value is not part of the form version {version}',
  'migrate.noTarget': 'version {version} has no field {target}',
  'migrate.incompatible': 'value {value} does not fit the field {target} ({kind}{options})',
  'migrate.valueNotMapped': 'the value map has no entry for {value}',
  'migrate.conflict': 'the field {target} already received another value',
  'migrate.computedEmpty': 'the migration expression gave no value',
  'migrate.mergeFailed': 'the merged value could not be written to {target}',
  'migrate.notApplicableNotAllowed': 'the field {target} of version {version} cannot be marked not applicable',
  'migrate.evidenceNotAllowed': 'the field {target} of version {version} takes no evidence link',
  'diff.added': 'Added',
  'diff.removed': 'Removed',
  'diff.moved': 'Moved/renamed',
  'diff.retyped': 'Retyped',
  'diff.relabelled': 'Relabelled',
  'diff.recoded': 'Code changed',
  'diff.nowRequired': 'Now required',
  'diff.nowOptional': 'No longer required',
  'diff.optionsChanged': 'Options changed',
  'diff.optionRelabelled': 'Option relabelled',
  'diff.constraintChanged': 'Constraint changed',
  'diff.unitChanged': 'Unit changed',
  'diff.notApplicableChanged': '"Not applicable" changed',
  'diff.evidenceChanged': 'Evidence changed',
  'diff.ruleAdded': 'Rule added',
  'diff.ruleRemoved': 'Rule removed',
  'diff.ruleChanged': 'Rule changed',
  'diff.ruleMessageChanged': 'Rule message changed',
  'diff.variantAdded': 'Variant added',
  'diff.variantRemoved': 'Variant removed',
  'diff.formInfoChanged': 'Form information changed',
  'diff.title': '{form} {from} → {to}',
  'diff.summary': '**{breaking}** breaking and **{compatible}** compatible changes for existing reports. Variants: {variants}.',
  'diff.breaking': 'Breaking (existing reports need migrating)',
  'diff.compatible': 'Compatible',
  'diff.none': 'No changes.',
  'diff.onlyVariants': 'only {variants}',
  'diff.migration': 'migration: {how}',
  'diff.migrationHint': 'Migrate existing reports: `bieumau migrate <report.json> --to {to}`.',
  'diff.recodedMany': '{count} items renumbered, e.g. {examples}',
  'diff.kind.section': 'section',
  'diff.kind.table': 'table',
  'diff.kind.field': 'field',
  'diff.kind.column': 'column',
};

const extra: Record<Lang, Record<string, string>> = { vi: {}, en: {} };

/** Adds messages (used by the command modules to keep their texts next to them). */
export function defineMessages(lang: Lang, messages: Record<string, string>): void {
  Object.assign(extra[lang], messages);
}

/** Renders a message: `{name}` is replaced by `params[name]`. Unknown ids render as the id. */
export function msg(lang: Lang, id: MessageId | string, params: Record<string, unknown> = {}): string {
  const table: Record<string, string> = lang === 'en' ? en : vi;
  const template = Object.prototype.hasOwnProperty.call(table, id)
    ? table[id]!
    : Object.prototype.hasOwnProperty.call(extra[lang], id)
      ? extra[lang][id]!
      : id;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m,
  );
}

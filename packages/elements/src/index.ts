/**
 * `@bieumau/elements` — Lit custom elements for bieumau reports:
 * `<bm-report-form>` (the whole form), `<bm-field>`, `<bm-table>` and
 * `<bm-error-summary>`. Importing this module defines the four elements
 * (once per page, even with two copies of the package).
 *
 * @example
 * ```html
 * <script type="module">import '@bieumau/elements';</script>
 * <bm-report-form form="annual-ict" version="2019" variant="province" lang="vi"></bm-report-form>
 * ```
 * @packageDocumentation
 */
export { BmReportForm } from './bm-report-form/bm-report-form.js';
export { BmField } from './bm-field/bm-field.js';
export { BmTable } from './bm-table/bm-table.js';
export { BmErrorSummary } from './bm-error-summary/bm-error-summary.js';
export { BmChangeEvent, BmErrorSelectEvent, BmInputEvent, BmSubmitEvent, BmValidateEvent } from './shared/events.js';
export type { Edit, EditPart, UnreadText, ValidationResult } from './shared/events.js';
export type { FieldValidation, ReportValidator, ValidateOptions, ValidatorRuleInfo } from './shared/validation.js';
export { validityFlag, validityFlags } from './shared/validation.js';
export { coerceText, displayValue, safeHref } from './shared/coerce.js';
export type { Coerced } from './shared/coerce.js';
export { parseTsv } from './shared/tsv.js';
export { draftKey, localStorageDrafts, openDraftStore } from './shared/drafts.js';
export type { DraftRecord, DraftStore } from './shared/drafts.js';
export type { ExcelCodec } from './shared/excel.js';
export { defineElement } from './shared/define.js';

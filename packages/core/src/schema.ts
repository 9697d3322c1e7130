/**
 * Types of the definition format (see `docs/definition-format.md`).
 * @module
 */

/** The annotation keywords of the bieumau vocabulary, registered with ajv so strict mode stays on. */
export const ANNOTATION_KEYWORDS = [
  'bmForm',
  'bmCode',
  'bmUnit',
  'bmKind',
  'bmOptionTitles',
  'bmHeaderGroups',
  'bmNotApplicable',
  'bmEvidence',
  'bmFootnote',
  'bmCompute',
  'bmRules',
] as const;

/** Top-level report properties that are not sections. */
export const RESERVED_KEYS = ['definition', 'notApplicable', 'evidence'] as const;

/** A JSON Logic expression (data, never code). */
export type Logic = unknown;

/** Reporting period kinds. */
export type PeriodKind = 'year' | 'quarter' | 'month';

/** The identity of a form variant, from the root schema's `bmForm`. */
export interface FormInfo {
  form: string;
  version: string;
  variant: string;
  formNumber?: string;
  period: PeriodKind;
  window?: { from: string; to: string };
  deadline?: string;
  reporter?: string;
  recipient?: string;
  basis?: string[];
  previous?: string;
  agencyField?: string;
}

/** A declarative cross-field rule. */
export interface Rule {
  id: string;
  severity: 'error' | 'warning';
  assert: Logic;
  when?: Logic;
  requires?: string[];
  target?: string;
  params?: Record<string, Logic>;
  message: string;
  description?: string;
}

/** A multi-level table header group. */
export interface HeaderGroup {
  title: string;
  columns: (string | HeaderGroup)[];
}

/** Field kinds a view knows how to render. */
export type FieldKind =
  | 'section'
  | 'table'
  | 'integer'
  | 'decimal'
  | 'percent'
  | 'year'
  | 'month'
  | 'text'
  | 'longText'
  | 'boolean'
  | 'choice'
  | 'multiChoice'
  | 'date'
  | 'url'
  | 'email'
  | 'phone'
  | 'ratio';

/** A JSON Schema object as used in definitions (loosely typed: definitions are data). */
export interface SchemaObject {
  $id?: string;
  $ref?: string;
  $schema?: string;
  $defs?: Record<string, SchemaObject>;
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  readOnly?: boolean;
  uniqueItems?: boolean;
  additionalProperties?: boolean | SchemaObject;
  bmForm?: FormInfo;
  bmCode?: string;
  bmUnit?: string;
  bmKind?: FieldKind;
  bmOptionTitles?: Record<string, string>;
  bmHeaderGroups?: HeaderGroup[];
  bmNotApplicable?: boolean;
  bmEvidence?: 'required' | 'optional';
  bmFootnote?: string;
  bmCompute?: Logic;
  bmRules?: Rule[];
  [keyword: string]: unknown;
}

/**
 * An English (or other) catalogue for one definition version, keyed by schema
 * location: `<file relative to the version folder>#<JSON Pointer>`.
 */
export interface Catalogue {
  lang: string;
  units?: Record<string, string>;
  texts: Record<string, string>;
}

/**
 * Reading the value states of a report: provided, blank, not applicable.
 * @module
 */
import { getAt } from './pointer.js';

/** The state of one field in a report. */
export type ValueState =
  | { state: 'provided'; value: unknown }
  | { state: 'blank' }
  | { state: 'notApplicable'; reason: string };

/** The definition a report names (`report.definition`), if it names one well-formed. */
export interface DefinitionRef {
  form: string;
  version: string;
  variant: string;
}

/** Reads `report.definition` without trusting the input's shape. */
export function definitionRefOf(report: unknown): DefinitionRef | undefined {
  const ref = getAt(report, '/definition');
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) return undefined;
  const { form, version, variant } = ref as Record<string, unknown>;
  if (typeof form !== 'string' || typeof version !== 'string' || typeof variant !== 'string') return undefined;
  return { form, version, variant };
}

/** The state of the field at `pointer`: not applicable (from the `notApplicable` map), provided or blank. */
export function valueState(report: unknown, pointer: string): ValueState {
  const na = getAt(report, '/notApplicable');
  if (na !== null && typeof na === 'object' && Object.prototype.hasOwnProperty.call(na, pointer)) {
    const reason = (na as Record<string, unknown>)[pointer];
    return { state: 'notApplicable', reason: typeof reason === 'string' ? reason : '' };
  }
  const value = getAt(report, pointer);
  return value === undefined || value === null || value === '' ? { state: 'blank' } : { state: 'provided', value };
}

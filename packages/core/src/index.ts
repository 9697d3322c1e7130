/**
 * `@bieumau/core` — the definition model shared by every bieumau package:
 * load and walk a definition, labels and codes in vi/en, value states, the
 * error shape, JSON Pointers, the rule language, and Vietnamese number and
 * date parsing.
 * @packageDocumentation
 */
export * from './pointer.js';
export * from './errors.js';
export * from './schema.js';
export * from './definition.js';
export * from './model.js';
export * from './logic.js';
export * from './text.js';
export * from './numbers.js';
export * from './report.js';

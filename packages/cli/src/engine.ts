/**
 * `@bieumau/cli/engine` — the parts of the CLI that need no Node APIs, for
 * web forms and other runtimes: the declarative migration engine, chained
 * migration with validation, and the definition diff.
 * @packageDocumentation
 */
export { checkMigration, collectValues, fitsField, identityFields, mapPointer, migrateReport, orderLike, targetVariant } from './migrate.js';
export type {
  DropOperation, MapOperation, MergeOperation, Migration, MigrationOperation, MigrationOutcome, MigrateOptions as MigrateReportOptions,
  MoveOperation, SetOperation, SplitOperation, UnmappedCode, UnmappedValue,
} from './migrate.js';
export { migrate } from './api.js';
export type { MigrateOptions, MigrateResult, UnmappedEntry } from './api.js';
export { diffDefinitions, renderDiffMarkdown, describeChange } from './diff.js';
export type { Change, ChangeKind, DefinitionDiff, DiffInput, Impact } from './diff.js';

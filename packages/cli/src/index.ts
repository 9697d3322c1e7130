/**
 * `@bieumau/cli` — the `bieumau` command and the engines behind it, usable
 * as a library: the definition diff, the declarative migration engine,
 * version scaffolding and aggregation.
 * @packageDocumentation
 */
export { run } from './cli.js';
export type { CliIo } from './cli.js';
export { diffDefinitions, renderDiffMarkdown, describeChange } from './diff.js';
export type { Change, ChangeKind, DefinitionDiff, DiffInput, Impact } from './diff.js';
export { checkMigration, collectValues, fitsField, identityFields, mapPointer, migrateReport, orderLike, targetVariant } from './migrate.js';
export type {
  DropOperation, MapOperation, MergeOperation, Migration, MigrationOperation, MigrationOutcome, MigrateOptions as MigrateReportOptions,
  MoveOperation, SetOperation, SplitOperation, UnmappedCode, UnmappedValue,
} from './migrate.js';
export { migrate } from './api.js';
export type { MigrateOptions, MigrateResult, UnmappedEntry } from './api.js';
export { scaffoldVersion } from './scaffold.js';
export type { ScaffoldOptions, ScaffoldResult } from './scaffold.js';
export { aggregate, columnsOf, expandInputs } from './aggregate.js';
export type { AggregateOptions, AggregateSummary, AggregatedReport, FailedFile } from './aggregate.js';
export { compareVersions, loadVersion, migrationChain, openWorkspace, parseRef, readMigration } from './workspace.js';
export type { MigrationLookup, VersionRef, Workspace } from './workspace.js';
export { readReportFile } from './io.js';
export type { ReadReport } from './io.js';
export { checkPublished, hashFolder, publishVersions, readPublished } from './publish.js';
export type { PublishedDrift, PublishedRecord } from './publish.js';

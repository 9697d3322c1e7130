/**
 * The events of the bieumau elements: `Event` subclasses that bubble and
 * cross shadow roots (`composed`), so a page listens on `<bm-report-form>`
 * and reads typed fields instead of digging in `detail`.
 *
 * `input` and `change` keep their native names because they mean what the
 * native ones mean. TypeScript's `GlobalEventHandlersEventMap` already types
 * them as plain `Event` and an interface merge cannot narrow them, so test
 * `e instanceof BmInputEvent` (or use the `edits` getter after a cast); our
 * own events (`bm-validate`, `bm-submit`, `bm-error-select`) are typed in the map.
 * @module
 */
import type { ReportError } from '@bieumau/core';

/** Which part of a field an edit is about. */
export type EditPart = 'value' | 'notApplicable' | 'evidence';

/**
 * One edit of a report. `value: undefined` makes the field blank (removes it);
 * for `notApplicable`, `undefined` clears the mark and a string is the reason.
 */
export interface Edit {
  /** JSON Pointer of the field (or table, for whole-table edits). */
  pointer: string;
  part: EditPart;
  value: unknown;
  /** What was typed, when it could not be read as a value of the field's kind. */
  text?: string;
  /** A message key (see `strings.ts`) saying why {@link Edit.text} could not be read. */
  problem?: string;
}

/** Text typed or pasted that could not be read as a value, kept with the reason. */
export interface UnreadText {
  text: string;
  /** Message key (see `strings.ts`). */
  problem: string;
}

/** Fired while the person edits (every keystroke, paste, row operation). */
export class BmInputEvent extends Event {
  static readonly eventName = 'input';
  constructor(readonly edits: readonly Edit[]) {
    super(BmInputEvent.eventName, { bubbles: true, composed: true });
  }
  /** Pointer of the first edit. */
  get pointer(): string {
    return this.edits[0]?.pointer ?? '';
  }
  /** Value of the first edit. */
  get value(): unknown {
    return this.edits[0]?.value;
  }
}

/** Fired when an edit is committed (blur, choice made, row added/removed/moved, paste). */
export class BmChangeEvent extends Event {
  static readonly eventName = 'change';
  constructor(readonly edits: readonly Edit[]) {
    super(BmChangeEvent.eventName, { bubbles: true, composed: true });
  }
  get pointer(): string {
    return this.edits[0]?.pointer ?? '';
  }
  get value(): unknown {
    return this.edits[0]?.value;
  }
}

/** The outcome of validating a report. */
export interface ValidationResult {
  ok: boolean;
  errors: ReportError[];
  warnings: ReportError[];
}

/** Fired after a full validation (on `validate()`, on submit, after import). */
export class BmValidateEvent extends Event {
  static readonly eventName = 'bm-validate';
  constructor(readonly result: ValidationResult) {
    super(BmValidateEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Fired when a valid report is submitted with the form's own button (or its
 * owning `<form>` submits). The draft has been cleared. Cancelable: call
 * `preventDefault()` to keep the draft (e.g. when the upload failed).
 */
export class BmSubmitEvent extends Event {
  static readonly eventName = 'bm-submit';
  constructor(readonly report: Record<string, unknown>) {
    super(BmSubmitEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired by `<bm-error-summary>` when a person follows a link to a field. */
export class BmErrorSelectEvent extends Event {
  static readonly eventName = 'bm-error-select';
  constructor(readonly error: ReportError) {
    super(BmErrorSelectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bm-validate': BmValidateEvent;
    'bm-submit': BmSubmitEvent;
    'bm-error-select': BmErrorSelectEvent;
    'bm-draft-saved': Event;
  }
}

import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { evaluateLogic, formatNumber } from '@bieumau/core';
import type { FieldNode, Lang, ReportError } from '@bieumau/core';
import { coerceText, displayValue, isNumeric } from '../shared/coerce.js';
import { BmChangeEvent, BmInputEvent } from '../shared/events.js';
import type { Edit, UnreadText } from '../shared/events.js';
import { headerRows } from '../shared/header.js';
import type { HeaderCell } from '../shared/header.js';
import { t, toLang } from '../shared/strings.js';
import { parseTsv } from '../shared/tsv.js';
import { tableStyles } from './bm-table.styles.js';

type Row = Record<string, unknown>;

/**
 * A table of a report (a list of rows, e.g. the online public services of a
 * province): multi-level headers from `bmHeaderGroups`, row numbers, cells
 * edited in place, rows added, removed and reordered, and many rows pasted
 * at once from Excel. Long tables are shown a page at a time with an
 * accessible pager, so 2,000 services cost what 25 cost.
 *
 * Cells are labelled by their row number and column header(s) through
 * `aria-labelledby` inside this shadow root.
 *
 * @summary An editable report table with paging and paste from Excel.
 * @tag bm-table
 *
 * @fires {BmInputEvent} input - while a cell is edited.
 * @fires {BmChangeEvent} change - when a cell is committed, rows are added, removed or moved, or data is pasted. A whole-table edit has the table's pointer and the new rows as value.
 *
 * @csspart table - The `<table>`.
 * @csspart caption - The caption with the table's code and label.
 * @csspart header - Header cells.
 * @csspart cell - Body cells.
 * @csspart control - Cell inputs and selects.
 * @csspart message - A cell's error message.
 * @csspart pager - The pager navigation.
 * @csspart button - Row and pager buttons.
 *
 * @cssprop --bm-table-header-background - Background of header cells.
 * @cssprop --bm-table-stripe - Background of every other row.
 * @cssprop --bm-color-primary - Buttons and accents.
 * @cssprop --bm-color-error - Errors.
 */
export class BmTable extends LitElement {
  /** Styles of the element's shadow root; theme it with the documented custom properties and parts. */
  static override styles = tableStyles;

  static override properties = {
    field: { attribute: false },
    rows: { attribute: false },
    problems: { attribute: false },
    texts: { attribute: false },
    lang: { type: String, reflect: true },
    disabled: { type: Boolean, reflect: true },
    pageSize: { type: Number, attribute: 'page-size' },
    page: { type: Number },
    printing: { state: true },
    editing: { state: true },
    announcement: { state: true },
  };

  /** The table field, from `buildModel` (core). */
  declare field: FieldNode | undefined;
  /** The rows (the table's value in the report). */
  declare rows: readonly Row[] | undefined;
  /** Problems to show, with absolute pointers into this table (`/dvc/services/3/name`). */
  declare problems: readonly ReportError[];
  /** Texts typed or pasted that could not be read, by cell pointer. */
  declare texts: ReadonlyMap<string, UnreadText> | undefined;
  declare lang: string;
  declare disabled: boolean;
  /** Rows per page. */
  declare pageSize: number;
  /** The page shown, from 1. */
  declare page: number;
  declare protected printing: boolean;
  declare protected editing: { pointer: string; text: string } | undefined;
  declare protected announcement: string;

  private problemIndex = new Map<string, ReportError[]>();
  private headers: HeaderCell[][] = [];
  private leafHeaders = new Map<string, HeaderCell>();

  constructor() {
    super();
    this.problems = [];
    this.lang = 'vi';
    this.disabled = false;
    this.pageSize = 25;
    this.page = 1;
    this.printing = false;
    this.announcement = '';
  }

  private readonly beforePrint = () => {
    this.printing = true;
    // Print happens right after this event: render every row now, synchronously.
    this.performUpdate();
  };
  private readonly afterPrint = () => {
    this.printing = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.beforePrint);
    window.addEventListener('afterprint', this.afterPrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.beforePrint);
    window.removeEventListener('afterprint', this.afterPrint);
  }

  private get l(): Lang {
    return toLang(this.lang);
  }

  private get list(): readonly Row[] {
    return Array.isArray(this.rows) ? this.rows : [];
  }

  /** Number of pages (at least 1). */
  get pageCount(): number {
    return Math.max(1, Math.ceil(this.list.length / Math.max(1, this.pageSize)));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('field') && this.field) {
      this.headers = headerRows(this.field);
      this.leafHeaders = new Map(this.headers.flat().filter((h) => h.column).map((h) => [h.column!.key, h]));
    }
    if (changed.has('problems')) {
      this.problemIndex = new Map();
      for (const p of this.problems) {
        const list = this.problemIndex.get(p.instancePath);
        if (list) list.push(p);
        else this.problemIndex.set(p.instancePath, [p]);
      }
    }
    if (this.page > this.pageCount) this.page = this.pageCount;
    if (this.page < 1 || !Number.isFinite(this.page)) this.page = 1;
  }

  /** Shows the page holding `row` and focuses the cell of `column` (or the row's first cell). */
  async focusCell(row: number, column?: string): Promise<void> {
    this.page = Math.floor(row / this.pageSize) + 1;
    await this.updateComplete;
    const key = column ?? this.field?.columns?.find((c) => !c.readOnly)?.key;
    const el = this.renderRoot.querySelector<HTMLElement>(`#c-${row}-${key}`) ?? this.renderRoot.querySelector<HTMLElement>(`#r-${row}`);
    el?.focus();
    el?.scrollIntoView?.({ block: 'center' });
  }

  /** The element of a cell, if it is on the page shown. */
  cellControl(row: number, column: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#c-${row}-${column}`);
  }

  private pointerOf(row: number, column?: string): string {
    return `${this.field!.pointer}/${row}${column ? '/' + column : ''}`;
  }

  private emit(edits: Edit[], committed: boolean): void {
    this.dispatchEvent(committed ? new BmChangeEvent(edits) : new BmInputEvent(edits));
  }

  private announce(text: string): void {
    // Re-set so the same words are announced again.
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  // ---- cell editing ----

  private readCell(row: number, col: FieldNode, text: string, committed: boolean): void {
    const pointer = this.pointerOf(row, col.key);
    const c = coerceText(col, text);
    if (committed && c.ok) this.editing = undefined;
    this.emit([c.ok ? { pointer, part: 'value', value: c.value } : { pointer, part: 'value', value: undefined, text, problem: c.reason }], committed);
  }

  private onCellInput(e: Event, row: number, col: FieldNode): void {
    e.stopPropagation();
    const text = (e.target as HTMLInputElement).value;
    this.editing = { pointer: this.pointerOf(row, col.key), text };
    this.readCell(row, col, text, false);
  }

  private onCellChange(e: Event, row: number, col: FieldNode): void {
    e.stopPropagation();
    this.readCell(row, col, (e.target as HTMLInputElement).value, true);
  }

  private onCellBlur(): void {
    if (!this.editing) return;
    const col = this.field?.columns?.find((c) => this.editing!.pointer.endsWith('/' + c.key));
    if (col && coerceText(col, this.editing.text).ok) this.editing = undefined;
  }

  private onSelect(e: Event, row: number, col: FieldNode, values: unknown[]): void {
    e.stopPropagation();
    const i = Number((e.target as HTMLSelectElement).value);
    const edits: Edit[] = [{ pointer: this.pointerOf(row, col.key), part: 'value', value: i < 0 ? undefined : values[i] }];
    this.emit(edits, false);
    this.emit(edits, true);
  }

  // ---- row operations ----

  /** Texts kept for unreadable cells, re-keyed after rows move (`map` gives a row's new index, or undefined when removed). */
  private carryTexts(map: (row: number) => number | undefined): Edit[] {
    const out: Edit[] = [];
    if (!this.texts || !this.field) return out;
    const prefix = this.field.pointer + '/';
    for (const [pointer, { text, problem }] of this.texts) {
      if (!pointer.startsWith(prefix)) continue;
      const m = /^(\d+)(\/.*)$/.exec(pointer.slice(prefix.length));
      if (!m) continue;
      const to = map(Number(m[1]));
      if (to !== undefined) out.push({ pointer: `${prefix}${to}${m[2]}`, part: 'value', value: undefined, text, problem });
    }
    return out;
  }

  private commitRows(rows: Row[], carried: Edit[]): void {
    const edits: Edit[] = [{ pointer: this.field!.pointer, part: 'value', value: rows.length ? rows : undefined }, ...carried];
    this.emit(edits, false);
    this.emit(edits, true);
  }

  /** Appends an empty row, shows its page and focuses its first cell. */
  async addRow(): Promise<void> {
    const rows = [...this.list, {}];
    this.commitRows(rows, this.carryTexts((r) => r));
    const n = rows.length;
    this.announce(t(this.l, 'rowAdded', { n }));
    await this.updateComplete;
    await this.focusCell(n - 1);
  }

  /** Removes a row (0-based). */
  async removeRow(index: number): Promise<void> {
    const rows = this.list.filter((_, i) => i !== index);
    this.commitRows(rows, this.carryTexts((r) => (r === index ? undefined : r > index ? r - 1 : r)));
    this.announce(t(this.l, 'rowRemoved', { n: index + 1 }));
    await this.updateComplete;
    if (rows.length === 0) this.renderRoot.querySelector<HTMLElement>('#add')?.focus();
    else await this.focusCell(Math.min(index, rows.length - 1));
  }

  /** Moves a row from one index to another, keeping focus on the button used. */
  async moveRow(from: number, to: number, focus: 'up' | 'down' | undefined = undefined): Promise<void> {
    const list = this.list;
    if (to < 0 || to >= list.length || from === to) return;
    const rows = [...list];
    const [row] = rows.splice(from, 1);
    rows.splice(to, 0, row!);
    this.commitRows(
      rows,
      this.carryTexts((r) => {
        if (r === from) return to;
        if (from < to && r > from && r <= to) return r - 1;
        if (to < from && r >= to && r < from) return r + 1;
        return r;
      }),
    );
    this.announce(t(this.l, 'rowMoved', { from: from + 1, to: to + 1 }));
    this.page = Math.floor(to / this.pageSize) + 1;
    await this.updateComplete;
    if (focus) {
      const btn = this.renderRoot.querySelector<HTMLElement>(`#${focus}-${to}`) ?? this.renderRoot.querySelector<HTMLElement>(`#${focus === 'up' ? 'down' : 'up'}-${to}`);
      btn?.focus();
    }
  }

  private onRowKey(e: KeyboardEvent, index: number): void {
    // Alt+↑/↓ moves the row, like reordering in a list box.
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const to = e.key === 'ArrowUp' ? index - 1 : index + 1;
    const target = e.target as HTMLElement;
    const key = target.dataset.col;
    void this.moveRow(index, to).then(() => (key ? this.focusCell(to, key) : undefined));
  }

  // ---- paste ----

  private onPaste(e: ClipboardEvent): void {
    const target = e.composedPath()[0] as HTMLElement | undefined;
    const row = Number(target?.dataset?.row);
    const colKey = target?.dataset?.col;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!Number.isInteger(row) || !colKey || !/[\t\n\r]/.test(text.replace(/[\r\n]+$/, ''))) return; // one value: the browser pastes it
    e.preventDefault();
    this.paste(text, row, colKey);
  }

  /**
   * Pastes tab-separated text (as Excel copies it) with its top-left cell at
   * `row`/`column`, adding rows as needed. Cells are read like the Excel codec
   * reads them; cells that cannot be read keep their text and get an error.
   * Returns the number of rows and cells written and the cells in error.
   */
  paste(text: string, row: number, column: string): { rows: number; cells: number; errors: number } {
    const columns = this.field?.columns ?? [];
    const start = columns.findIndex((c) => c.key === column);
    if (start < 0) return { rows: 0, cells: 0, errors: 0 };
    const grid = parseTsv(text);
    const max = typeof this.field!.schema.maxItems === 'number' ? this.field!.schema.maxItems : 20_000;
    const rows = this.list.map((r) => ({ ...r }));
    const problems: Edit[] = [];
    let cells = 0;
    let written = 0;
    for (let j = 0; j < grid.length && row + j < max; j++) {
      const r = row + j;
      while (rows.length <= r) rows.push({});
      const target = rows[r]!;
      written++;
      grid[j]!.forEach((cellText, k) => {
        const col = columns[start + k];
        if (!col || col.readOnly) return;
        cells++;
        const pointer = this.pointerOf(r, col.key);
        const c = coerceText(col, cellText);
        if (c.ok) {
          if (c.value === undefined) delete target[col.key];
          else target[col.key] = c.value;
        } else {
          delete target[col.key];
          problems.push({ pointer, part: 'value', value: undefined, text: cellText.trim(), problem: c.reason });
        }
      });
    }
    // Texts of cells the paste did not touch stay where they were.
    const touched = new Set(problems.map((p) => p.pointer));
    const pastedCols = new Set(columns.slice(start, start + Math.max(0, ...grid.map((g) => g.length))).map((c) => c.key));
    const carried = this.carryTexts((r) => r).filter((edit) => {
      if (touched.has(edit.pointer)) return false;
      const m = /\/(\d+)\/([^/]+)$/.exec(edit.pointer);
      return !(m && Number(m[1]) >= row && Number(m[1]) < row + written && pastedCols.has(m[2]!));
    });
    this.commitRows(rows, [...carried, ...problems]);
    this.editing = undefined;
    const result = { rows: written, cells, errors: problems.length };
    this.announce(t(this.l, 'pasted', result));
    return result;
  }

  // ---- rendering ----

  private computed(col: FieldNode, row: Row): unknown {
    try {
      return evaluateLogic(col.compute, row);
    } catch {
      return undefined;
    }
  }

  private labelledBy(row: number, col: FieldNode): string {
    const h = this.leafHeaders.get(col.key);
    return [`r-${row}`, ...(h?.groups ?? []), `h-${col.key}`].join(' ');
  }

  private renderCell(row: Row, index: number, col: FieldNode): TemplateResult {
    const l = this.l;
    const pointer = this.pointerOf(index, col.key);
    const problems = this.problemIndex.get(pointer) ?? [];
    const invalid = problems.some((p) => p.severity === 'error') ? 'true' : 'false';
    const id = `c-${index}-${col.key}`;
    const described = problems.length ? `m-${index}-${col.key}` : undefined;
    const common = { id, labelledby: this.labelledBy(index, col), described };
    const value = row[col.key];
    let control: TemplateResult;
    if (col.readOnly) {
      const v = col.compute !== undefined ? this.computed(col, row) : value;
      control = html`<output id=${id} aria-labelledby=${common.labelledby} class="computed">${typeof v === 'number' ? formatNumber(v, l, { maxDecimals: 2 }) : displayValue(col, v, l)}</output>`;
    } else if (col.kind === 'boolean' || col.kind === 'choice') {
      const opts: { value: unknown; label: string }[] =
        col.kind === 'boolean'
          ? [
              { value: true, label: t(l, 'yes') },
              { value: false, label: t(l, 'no') },
            ]
          : (col.options ?? []).map((o) => ({ value: o.value, label: o.label[l] }));
      const text = this.texts?.get(pointer)?.text;
      control = html`<select
        id=${id}
        part="control"
        data-row=${index}
        data-col=${col.key}
        aria-labelledby=${common.labelledby}
        aria-describedby=${described ?? nothing}
        aria-invalid=${invalid}
        aria-required=${col.required ? 'true' : 'false'}
        ?disabled=${this.disabled}
        @input=${(e: Event) => e.stopPropagation()}
        @change=${(e: Event) => this.onSelect(e, index, col, opts.map((o) => o.value))}
      >
        <option value="-1" ?selected=${value === undefined}>${text ? `“${text}”` : '—'}</option>
        ${opts.map((o, i) => html`<option value=${i} ?selected=${o.value === value}>${o.label}</option>`)}
      </select>`;
    } else {
      const shown = this.editing?.pointer === pointer ? this.editing.text : (this.texts?.get(pointer)?.text ?? displayValue(col, value, l));
      control = html`<input
        id=${id}
        part="control"
        class=${isNumeric(col) ? 'num' : col.kind === 'url' ? 'wide' : ''}
        type="text"
        inputmode=${isNumeric(col) ? (col.kind === 'decimal' || col.kind === 'percent' ? 'decimal' : 'numeric') : nothing}
        data-row=${index}
        data-col=${col.key}
        aria-labelledby=${common.labelledby}
        aria-describedby=${described ?? nothing}
        aria-invalid=${invalid}
        aria-required=${col.required ? 'true' : 'false'}
        ?disabled=${this.disabled}
        .value=${live(shown)}
        @input=${(e: Event) => this.onCellInput(e, index, col)}
        @change=${(e: Event) => this.onCellChange(e, index, col)}
        @blur=${this.onCellBlur}
      />`;
    }
    return html`<td part="cell" class="kind-${col.kind}">
      ${control}
      ${problems.length
        ? html`<div id=${described!} class="cell-messages">
            ${problems.map((p) => html`<p class="message ${p.severity}" part="message">${p.message ?? p.keyword}</p>`)}
          </div>`
        : nothing}
    </td>`;
  }

  private renderHeader(): TemplateResult {
    const l = this.l;
    const depth = this.headers.length;
    return html`<thead>
      ${this.headers.map(
        (cells, level) => html`<tr>
          ${level === 0 ? html`<th scope="col" rowspan=${depth} id="h-stt" part="header">${t(l, 'rowNumber')}</th>` : nothing}
          ${cells.map(
            (h) => html`<th
              scope=${h.column ? 'col' : 'colgroup'}
              id=${h.id}
              colspan=${h.colspan}
              rowspan=${h.rowspan}
              part="header"
            >
              ${h.column?.code ? html`<span class="code">${h.column.code}</span> ` : nothing}${h.label[l]}${h.column?.unit ? html` <span class="unit">(${h.column.unit[l]})</span>` : nothing}${h.column?.required
                ? html`<abbr class="req" title=${t(l, 'required')} aria-hidden="true">*</abbr>`
                : nothing}
            </th>`,
          )}
          ${level === 0 && !this.printing ? html`<th scope="col" rowspan=${depth} class="screen-only" part="header">${t(l, 'actions')}</th>` : nothing}
        </tr>`,
      )}
    </thead>`;
  }

  private renderRows(): TemplateResult {
    const l = this.l;
    const list = this.list;
    const columns = this.field!.columns ?? [];
    if (this.printing) {
      return html`<tbody>
        ${list.map(
          (row, i) => html`<tr>
            <th scope="row">${i + 1}</th>
            ${columns.map((c) => html`<td>${displayValue(c, c.compute !== undefined ? this.computed(c, row) : row[c.key], l)}</td>`)}
          </tr>`,
        )}
      </tbody>`;
    }
    const from = (this.page - 1) * this.pageSize;
    const indices = list.slice(from, from + this.pageSize).map((_, k) => from + k);
    return html`<tbody @paste=${this.onPaste}>
      ${indices.length === 0
        ? html`<tr>
            <td colspan=${columns.length + 2} class="empty">${t(l, 'emptyTable')}</td>
          </tr>`
        : nothing}
      ${repeat(
        indices,
        (i) => i,
        (i) => {
          const row = list[i] ?? {};
          const rowProblems = this.problemIndex.get(this.pointerOf(i)) ?? [];
          return html`<tr @keydown=${(e: KeyboardEvent) => this.onRowKey(e, i)} class=${rowProblems.length ? 'has-problem' : ''}>
            <th scope="row" id=${`r-${i}`} tabindex="-1" part="header">
              <span class="visually-hidden">${l === 'vi' ? 'Dòng' : 'Row'} </span>${i + 1}
              ${rowProblems.map((p) => html`<p class="message ${p.severity}" part="message">${p.message ?? p.keyword}</p>`)}
            </th>
            ${columns.map((c) => this.renderCell(row, i, c))}
            <td class="actions screen-only" part="cell">
              <button type="button" part="button" id=${`up-${i}`} ?disabled=${this.disabled || i === 0} @click=${() => this.moveRow(i, i - 1, 'up')} aria-label=${t(l, 'moveUp', { n: i + 1 })} title=${t(l, 'moveUp', { n: i + 1 })}>↑</button>
              <button
                type="button"
                part="button"
                id=${`down-${i}`}
                ?disabled=${this.disabled || i === list.length - 1}
                @click=${() => this.moveRow(i, i + 1, 'down')}
                aria-label=${t(l, 'moveDown', { n: i + 1 })}
                title=${t(l, 'moveDown', { n: i + 1 })}
              >↓</button>
              <button type="button" part="button" class="remove" ?disabled=${this.disabled} @click=${() => this.removeRow(i)} aria-label=${t(l, 'removeRow', { n: i + 1 })} title=${t(l, 'removeRow', { n: i + 1 })}>✕</button>
            </td>
          </tr>`;
        },
      )}
    </tbody>`;
  }

  private goTo(page: number): void {
    this.page = Math.min(this.pageCount, Math.max(1, page));
    const from = (this.page - 1) * this.pageSize;
    this.announce(t(this.l, 'rowsRange', { from: from + 1, to: Math.min(this.list.length, from + this.pageSize), total: this.list.length }));
  }

  private renderPager(): TemplateResult | typeof nothing {
    const l = this.l;
    const pages = this.pageCount;
    const total = this.list.length;
    if (pages <= 1 || this.printing) return nothing;
    const from = (this.page - 1) * this.pageSize;
    const label = this.field ? `${this.field.code ?? ''} ${this.field.label[l]}`.trim() : '';
    return html`<nav class="pager screen-only" part="pager" aria-label=${t(l, 'pager', { table: label })}>
      <button type="button" part="button" ?disabled=${this.page === 1} @click=${() => this.goTo(1)}>«<span class="visually-hidden"> ${t(l, 'firstPage')}</span></button>
      <button type="button" part="button" ?disabled=${this.page === 1} @click=${() => this.goTo(this.page - 1)}>‹ ${t(l, 'prevPage')}</button>
      <label class="page-select"
        >${t(l, 'goToPage')}
        <select @change=${(e: Event) => this.goTo(Number((e.target as HTMLSelectElement).value))} @input=${(e: Event) => e.stopPropagation()}>
          ${Array.from({ length: pages }, (_, i) => html`<option value=${i + 1} ?selected=${i + 1 === this.page}>${i + 1}</option>`)}
        </select>
        / ${pages}</label
      >
      <button type="button" part="button" ?disabled=${this.page === pages} @click=${() => this.goTo(this.page + 1)}>${t(l, 'nextPage')} ›</button>
      <button type="button" part="button" ?disabled=${this.page === pages} @click=${() => this.goTo(pages)}><span class="visually-hidden">${t(l, 'lastPage')} </span>»</button>
      <span class="range">${t(l, 'rowsRange', { from: formatNumber(from + 1, l), to: formatNumber(Math.min(total, from + this.pageSize), l), total: formatNumber(total, l) })}</span>
    </nav>`;
  }

  protected override render(): TemplateResult {
    const f = this.field;
    if (!f) return html``;
    const l = this.l;
    const tableProblems = this.problemIndex.get(f.pointer) ?? [];
    return html`<div class="wrap">
      ${tableProblems.length
        ? html`<div id="table-msg">${tableProblems.map((p) => html`<p class="message ${p.severity}" part="message">${p.message ?? p.keyword}</p>`)}</div>`
        : nothing}
      <div class="scroll" role="region" aria-labelledby="caption" tabindex="0">
        <table part="table" aria-describedby=${tableProblems.length ? 'table-msg paste-hint' : 'paste-hint'}>
          <caption id="caption" part="caption">
            ${f.code ? html`<span class="code">${f.code}</span> ` : nothing}${f.label[l]}
            <span class="count">(${formatNumber(this.list.length, l)} ${l === 'vi' ? 'dòng' : 'rows'})</span>
          </caption>
          ${this.renderHeader()} ${this.renderRows()}
        </table>
      </div>
      ${this.renderPager()}
      <div class="foot screen-only">
        <button type="button" id="add" part="button" class="add" ?disabled=${this.disabled} @click=${() => this.addRow()}>+ ${t(l, 'addRow')}<span class="visually-hidden">: ${f.label[l]}</span></button>
        <span id="paste-hint" class="hint">${t(l, 'pasteHint')}</span>
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}

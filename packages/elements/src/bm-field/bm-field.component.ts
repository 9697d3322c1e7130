import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { formatNumber } from '@bieumau/core';
import type { FieldNode, Lang, ReportError } from '@bieumau/core';
import { coerceText, displayValue, isNumeric, safeHref } from '../shared/coerce.js';
import { BmChangeEvent, BmInputEvent } from '../shared/events.js';
import type { Edit, EditPart } from '../shared/events.js';
import { t, toLang } from '../shared/strings.js';
import type { StringKey } from '../shared/strings.js';
import { errorTarget } from '../shared/validation.js';
import { fieldStyles } from './bm-field.styles.js';

/** Up to this many options, a single choice is a group of radio buttons; more make a `<select>`. */
const RADIO_LIMIT = 5;

/**
 * One field of a report: its code and official label, the control for its
 * kind, unit and help, messages, and — where the definition allows — the
 * *not applicable* toggle with its reason and the evidence link.
 *
 * Every label, hint and message sits in the same shadow root as its control,
 * so `for`/`aria-describedby` work (they cannot cross shadow roots).
 *
 * @summary One field of a bieumau report, with not-applicable and evidence.
 * @tag bm-field
 *
 * @fires {BmInputEvent} input - on every keystroke or choice; `edits` say what changed.
 * @fires {BmChangeEvent} change - when an edit is committed (blur, choice).
 *
 * @csspart field - The wrapper of the whole field.
 * @csspart label - The label (or legend) with the code.
 * @csspart code - The code on the paper form (`3.2.1.a`).
 * @csspart control - The input, select, textarea or output.
 * @csspart hint - Help text and unit.
 * @csspart message - An error or warning message.
 * @csspart not-applicable - The not-applicable toggle and reason.
 * @csspart evidence - The evidence link input.
 *
 * @cssprop --bm-color-primary - Buttons, links, focus accents.
 * @cssprop --bm-color-error - Error messages and invalid borders.
 * @cssprop --bm-color-border - Control borders.
 * @cssprop --bm-color-focus - Focus outline.
 * @cssprop --bm-font-family - Font used in print (official forms are set in a serif).
 * @cssprop --bm-ui-font-family - Font used on screen.
 * @cssprop --bm-radius - Corner radius of controls.
 */
export class BmField extends LitElement {
  /** Styles of the element's shadow root; theme it with the documented custom properties and parts. */
  static override styles = fieldStyles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    field: { attribute: false },
    value: { attribute: false },
    notApplicableReason: { attribute: false },
    evidence: { attribute: false },
    problems: { attribute: false },
    text: { attribute: false },
    lang: { type: String, reflect: true },
    disabled: { type: Boolean, reflect: true },
    editing: { state: true },
  };

  /** The field to render, from `buildModel` (core). */
  declare field: FieldNode | undefined;
  /** The field's value in the report (`undefined` = blank). For computed fields, the computed value. */
  declare value: unknown;
  /** The reason when the field is marked not applicable; `undefined` when it is not. */
  declare notApplicableReason: string | undefined;
  /** The evidence link, for fields that take one. */
  declare evidence: string | undefined;
  /** Problems (errors and warnings, with messages) to show about this field, its N/A reason or evidence. */
  declare problems: readonly ReportError[];
  /** Text typed that could not be read as a value; shown back so nothing is lost. */
  declare text: string | undefined;
  declare lang: string;
  declare disabled: boolean;
  /** Text being typed, kept while the control has focus so formatting never moves the caret. */
  declare protected editing: { part: EditPart; text: string } | undefined;

  /** The value before the field was marked not applicable, restored when unmarked. */
  private valueBeforeNa: unknown;

  constructor() {
    super();
    this.problems = [];
    this.lang = 'vi';
    this.disabled = false;
  }

  private get l(): Lang {
    return toLang(this.lang);
  }

  /** Moves focus to the control of a part of the field. */
  focusPart(part: EditPart = 'value'): void {
    const id = part === 'notApplicable' ? (this.notApplicableReason !== undefined ? 'na-reason' : 'na') : part === 'evidence' ? 'evidence' : 'control';
    const el = this.renderRoot.querySelector<HTMLElement>(`#${id}`) ?? this.renderRoot.querySelector<HTMLElement>('input, select, textarea');
    el?.focus();
  }

  /** The element a validity anchor or focus should use. */
  get control(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('#control, input, select, textarea');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new value from outside (import, reset, restore) replaces text being typed.
    if (changed.has('value') && this.editing?.part === 'value' && !this.matchesEditing()) this.editing = undefined;
  }

  private matchesEditing(): boolean {
    const f = this.field;
    if (!f || !this.editing) return false;
    const c = coerceText(f, this.editing.text);
    return c.ok ? JSON.stringify(c.value) === JSON.stringify(this.value) : this.text === this.editing.text;
  }

  private emit(edits: Edit[], committed: boolean): void {
    this.dispatchEvent(committed ? new BmChangeEvent(edits) : new BmInputEvent(edits));
  }

  private readText(text: string, committed: boolean): void {
    const f = this.field!;
    const c = coerceText(f, text);
    const edit: Edit = c.ok ? { pointer: f.pointer, part: 'value', value: c.value } : { pointer: f.pointer, part: 'value', value: undefined, text, problem: c.reason };
    if (committed && c.ok) this.editing = undefined;
    this.emit([edit], committed);
  }

  private onTextInput(e: Event): void {
    e.stopPropagation();
    const text = (e.target as HTMLInputElement).value;
    this.editing = { part: 'value', text };
    this.readText(text, false);
  }

  private onTextChange(e: Event): void {
    e.stopPropagation();
    this.readText((e.target as HTMLInputElement).value, true);
  }

  private onTextBlur(): void {
    // Reformat (1234 → 1.234) once the person leaves a field that reads well.
    const f = this.field;
    if (f && this.editing && coerceText(f, this.editing.text).ok) this.editing = undefined;
  }

  private setValue(value: unknown): void {
    const f = this.field!;
    const edits: Edit[] = [{ pointer: f.pointer, part: 'value', value }];
    this.emit(edits, false);
    this.emit(edits, true);
  }

  private onNaToggle(e: Event): void {
    e.stopPropagation();
    const f = this.field!;
    const checked = (e.target as HTMLInputElement).checked;
    const edits: Edit[] = [];
    if (checked) {
      this.valueBeforeNa = this.value;
      edits.push({ pointer: f.pointer, part: 'notApplicable', value: '' });
      if (this.value !== undefined) edits.push({ pointer: f.pointer, part: 'value', value: undefined });
    } else {
      edits.push({ pointer: f.pointer, part: 'notApplicable', value: undefined });
      if (this.valueBeforeNa !== undefined) edits.push({ pointer: f.pointer, part: 'value', value: this.valueBeforeNa });
      this.valueBeforeNa = undefined;
    }
    this.emit(edits, false);
    this.emit(edits, true);
    // The reason box appears when the form passes the mark back; focus it then.
    this.focusReason = checked;
  }

  private focusReason = false;

  protected override updated(): void {
    if (!this.focusReason) return;
    const reason = this.renderRoot.querySelector<HTMLElement>('#na-reason');
    if (reason) {
      this.focusReason = false;
      reason.focus();
    }
  }

  private onReason(e: Event, committed: boolean): void {
    e.stopPropagation();
    this.emit([{ pointer: this.field!.pointer, part: 'notApplicable', value: (e.target as HTMLTextAreaElement).value }], committed);
  }

  private onEvidence(e: Event, committed: boolean): void {
    e.stopPropagation();
    const v = (e.target as HTMLInputElement).value.trim();
    this.emit([{ pointer: this.field!.pointer, part: 'evidence', value: v === '' ? undefined : v }], committed);
  }

  private stop(e: Event): void {
    e.stopPropagation();
  }

  private problemsFor(part: EditPart): readonly ReportError[] {
    return this.problems.filter((p) => errorTarget(p.instancePath, p.keyword).part === part);
  }

  private messages(id: string, list: readonly ReportError[]): TemplateResult | typeof nothing {
    if (list.length === 0) return nothing;
    const l = this.l;
    return html`<div id=${id} class="messages">
      ${list.map(
        (p) => html`<p class="message ${p.severity}" part="message">
          <span class="visually-hidden">${p.severity === 'error' ? (l === 'vi' ? 'Lỗi:' : 'Error:') : l === 'vi' ? 'Cảnh báo:' : 'Warning:'}</span> ${p.message ?? p.keyword}
        </p>`,
      )}
    </div>`;
  }

  private hintText(f: FieldNode): string {
    const l = this.l;
    const bits: string[] = [];
    if (f.help) bits.push(f.help[l]);
    if (f.kind === 'date') bits.push(t(l, 'dateHint'));
    if (f.kind === 'month') bits.push(t(l, 'monthHint'));
    if (f.kind === 'multiChoice') bits.push(t(l, 'multiHint'));
    return bits.join(' ');
  }

  private describedBy(hasHint: boolean, hasMsg: boolean, extra = ''): string {
    return [hasHint ? 'hint' : '', hasMsg ? 'msg' : '', extra].filter(Boolean).join(' ');
  }

  protected override render(): TemplateResult {
    const f = this.field;
    if (!f) return html``;
    const l = this.l;
    const na = this.notApplicableReason !== undefined;
    const valueProblems = this.problemsFor('value');
    const invalid = valueProblems.some((p) => p.severity === 'error');
    const hint = this.hintText(f);
    const group = f.kind === 'boolean' || f.kind === 'multiChoice' || f.kind === 'ratio' || (f.kind === 'choice' && (f.options?.length ?? 0) <= RADIO_LIMIT);
    const labelContent = html`${f.code ? html`<span class="code" part="code">${f.code}</span> ` : nothing}<span class="text">${f.label[l]}</span>${f.required
        ? html`<abbr class="req" title=${t(l, 'required')} aria-hidden="true">*</abbr>`
        : nothing}${f.unit && !isNumeric(f) ? html` <span class="unit-inline">(${f.unit[l]})</span>` : nothing}`;
    const ctx: ControlContext = { invalid, describedBy: this.describedBy(!!hint, valueProblems.length > 0), disabled: this.disabled || na };
    return html`<div class="field kind-${f.kind} ${na ? 'is-na' : ''}" part="field" data-pointer=${f.pointer}>
      ${group
        ? html`<fieldset class="group" aria-describedby=${ctx.describedBy || nothing}>
            <legend part="label" id="label">${labelContent}</legend>
            ${hint ? html`<p id="hint" class="hint" part="hint">${hint}</p>` : nothing} ${this.messages('msg', valueProblems)} ${this.renderControl(f, ctx)}
          </fieldset>`
        : html`<div class="head">
              ${f.readOnly
                ? html`<label part="label" id="label" for="control">${labelContent} <span class="badge">${t(l, 'computed')}</span></label>`
                : html`<label part="label" id="label" for="control">${labelContent}</label>`}
            </div>
            ${hint ? html`<p id="hint" class="hint" part="hint">${hint}</p>` : nothing} ${this.messages('msg', valueProblems)}
            <div class="control-row value-row">${this.renderControl(f, ctx)}${f.unit && isNumeric(f) ? html`<span class="unit" aria-hidden="true">${f.unit[l]}</span>` : nothing}</div>`}
      ${f.notApplicable ? this.renderNa(f, na) : nothing} ${f.evidence ? this.renderEvidence(f) : nothing}
      <div class="print-only pv">${na ? `${t(l, 'notApplicable')}: ${this.notApplicableReason}` : this.printValue(f, l)}</div>
    </div>`;
  }

  private printValue(f: FieldNode, l: Lang): string {
    const v = this.value;
    if (v === undefined || v === null || v === '') return '…………';
    const shown = typeof v === 'number' && f.readOnly ? formatNumber(v, l, { maxDecimals: 2 }) : displayValue(f, v, l);
    return f.unit && (isNumeric(f) || f.readOnly) ? `${shown} ${f.unit[l]}` : shown;
  }

  private renderControl(f: FieldNode, c: ControlContext): TemplateResult {
    const l = this.l;
    const ariaInvalid = c.invalid ? 'true' : 'false';
    const described = c.describedBy || nothing;
    const unitLabel = f.unit && isNumeric(f) ? f.unit[l] : undefined;
    if (f.readOnly) {
      const v = this.value;
      const shown = typeof v === 'number' && Number.isFinite(v) ? `${formatNumber(v, l, { maxDecimals: 2 })}${f.unit ? ' ' + f.unit[l] : ''}` : displayValue(f, v, l) || '—';
      return html`<output id="control" class="computed screen-only" part="control" aria-describedby=${described}>${shown}</output>`;
    }
    switch (f.kind) {
      case 'boolean':
        return this.renderRadios(f, [
          { value: true, label: t(l, 'yes') },
          { value: false, label: t(l, 'no') },
        ], c);
      case 'choice':
        if ((f.options?.length ?? 0) <= RADIO_LIMIT) return this.renderRadios(f, (f.options ?? []).map((o) => ({ value: o.value, label: o.label[l] })), c);
        return html`<select
          id="control"
          class="screen-only"
          part="control"
          aria-invalid=${ariaInvalid}
          aria-describedby=${described}
          aria-required=${f.required ? 'true' : 'false'}
          ?disabled=${c.disabled}
          @input=${this.stop}
          @change=${(e: Event) => {
            e.stopPropagation();
            const i = Number((e.target as HTMLSelectElement).value);
            this.setValue(i < 0 ? undefined : f.options![i]!.value);
          }}
        >
          <option value="-1" ?selected=${this.value === undefined}>${t(l, 'choose')}</option>
          ${(f.options ?? []).map((o, i) => html`<option value=${i} ?selected=${o.value === this.value}>${o.label[l]}</option>`)}
        </select>`;
      case 'multiChoice': {
        const selected = Array.isArray(this.value) ? this.value : [];
        return html`<div class="options screen-only">
          ${(f.options ?? []).map(
            (o, i) => html`<label class="option"
              ><input
                type="checkbox"
                id=${i === 0 ? 'control' : `opt-${i}`}
                part="control"
                .checked=${live(selected.includes(o.value))}
                aria-invalid=${ariaInvalid}
                ?disabled=${c.disabled}
                @input=${this.stop}
                @change=${(e: Event) => {
                  e.stopPropagation();
                  const on = (e.target as HTMLInputElement).checked;
                  const next = (f.options ?? []).map((x) => x.value).filter((v) => (v === o.value ? on : selected.includes(v)));
                  this.setValue(next.length ? next : undefined);
                }}
              />
              ${o.label[l]}</label
            >`,
          )}
        </div>`;
      }
      case 'ratio':
        return this.renderRatio(f, c);
      case 'longText':
        return html`<textarea
          id="control"
          class="screen-only"
          part="control"
          rows="3"
          aria-invalid=${ariaInvalid}
          aria-describedby=${described}
          aria-required=${f.required ? 'true' : 'false'}
          ?disabled=${c.disabled}
          .value=${live(this.editing?.part === 'value' ? this.editing.text : (this.text ?? displayValue(f, this.value, l)))}
          @input=${this.onTextInput}
          @change=${this.onTextChange}
          @blur=${this.onTextBlur}
        ></textarea>`;
      default: {
        const type = f.kind === 'url' ? 'url' : f.kind === 'email' ? 'email' : f.kind === 'phone' ? 'tel' : 'text';
        const inputmode = isNumeric(f) ? (f.kind === 'integer' || f.kind === 'year' ? 'numeric' : 'decimal') : undefined;
        const autocomplete = f.kind === 'email' ? 'email' : f.kind === 'phone' ? 'tel' : f.kind === 'url' ? 'url' : 'off';
        return html`<input
          id="control"
          class="screen-only ${isNumeric(f) ? 'num' : ''} ${f.kind === 'date' || f.kind === 'month' || f.kind === 'year' ? 'short' : ''}"
          part="control"
          type=${type}
          inputmode=${inputmode ?? nothing}
          autocomplete=${autocomplete}
          aria-invalid=${ariaInvalid}
          aria-describedby=${unitLabel ? [c.describedBy, 'unit-desc'].filter(Boolean).join(' ') : described}
          aria-required=${f.required ? 'true' : 'false'}
          ?disabled=${c.disabled}
          .value=${live(this.editing?.part === 'value' ? this.editing.text : (this.text ?? displayValue(f, this.value, l)))}
          @input=${this.onTextInput}
          @change=${this.onTextChange}
          @blur=${this.onTextBlur}
        />${unitLabel ? html`<span id="unit-desc" class="visually-hidden">${l === 'vi' ? 'Đơn vị' : 'Unit'}: ${unitLabel}</span>` : nothing}`;
      }
    }
  }

  private renderRadios(f: FieldNode, opts: { value: unknown; label: string }[], c: ControlContext): TemplateResult {
    const l = this.l;
    return html`<div class="options inline screen-only">
      ${opts.map(
        (o, i) => html`<label class="option"
          ><input
            type="radio"
            name="choice"
            id=${i === 0 ? 'control' : `opt-${i}`}
            part="control"
            .checked=${live(this.value === o.value)}
            aria-invalid=${c.invalid ? 'true' : 'false'}
            ?disabled=${c.disabled}
            @input=${this.stop}
            @change=${(e: Event) => {
              e.stopPropagation();
              this.setValue(o.value);
            }}
          />
          ${o.label}</label
        >`,
      )}
      ${this.value !== undefined && !c.disabled
        ? html`<button type="button" class="link clear" @click=${() => this.setValue(undefined)}>${t(l, 'clear')}<span class="visually-hidden">: ${f.label[l]}</span></button>`
        : nothing}
    </div>`;
  }

  private renderRatio(f: FieldNode, c: ControlContext): TemplateResult {
    const l = this.l;
    const v = (this.value && typeof this.value === 'object' ? this.value : {}) as { numerator?: unknown; denominator?: unknown };
    const part = (key: 'numerator' | 'denominator', labelKey: StringKey) => {
      const sub = f.schema.properties?.[key];
      const title = l === 'vi' && typeof sub?.title === 'string' ? sub.title : t(l, labelKey);
      const pseudo: FieldNode = { ...f, kind: 'integer', pointer: `${f.pointer}/${key}`, template: `${f.template}/${key}` };
      const id = key === 'numerator' ? 'control' : 'den';
      const editingHere = this.editing?.part === 'value' && this.editingKey === key;
      return html`<label class="ratio-part"
        ><span>${title}</span>
        <input
          id=${id}
          class="num short"
          part="control"
          type="text"
          inputmode="numeric"
          aria-invalid=${c.invalid ? 'true' : 'false'}
          ?disabled=${c.disabled}
          .value=${live(editingHere ? this.editing!.text : displayValue(pseudo, v[key], l))}
          @input=${(e: Event) => this.onRatio(e, key, pseudo, false)}
          @change=${(e: Event) => this.onRatio(e, key, pseudo, true)}
          @blur=${this.onTextBlur}
      /></label>`;
    };
    const n = typeof v.numerator === 'number' ? v.numerator : undefined;
    const d = typeof v.denominator === 'number' ? v.denominator : undefined;
    const pct = n !== undefined && d ? ` = ${formatNumber((n / d) * 100, l, { maxDecimals: 1 })} %` : '';
    return html`<div class="ratio screen-only">${part('numerator', 'numerator')}<span aria-hidden="true">/</span>${part('denominator', 'denominator')}<span class="ratio-result">${pct}</span></div>`;
  }

  private editingKey: string | undefined;

  private onRatio(e: Event, key: 'numerator' | 'denominator', pseudo: FieldNode, committed: boolean): void {
    e.stopPropagation();
    const text = (e.target as HTMLInputElement).value;
    this.editingKey = key;
    this.editing = committed ? undefined : { part: 'value', text };
    const c = coerceText(pseudo, text);
    const cur = (this.value && typeof this.value === 'object' ? { ...(this.value as object) } : {}) as Record<string, unknown>;
    if (c.ok) {
      if (c.value === undefined) delete cur[key];
      else cur[key] = c.value;
      this.emit([{ pointer: this.field!.pointer, part: 'value', value: Object.keys(cur).length ? cur : undefined }], committed);
    } else {
      this.emit([{ pointer: pseudo.pointer, part: 'value', value: undefined, text, problem: c.reason }], committed);
    }
  }

  private renderNa(f: FieldNode, na: boolean): TemplateResult {
    const l = this.l;
    const problems = this.problemsFor('notApplicable');
    return html`<div class="na screen-only" part="not-applicable">
      <label class="option"
        ><input id="na" type="checkbox" .checked=${live(na)} ?disabled=${this.disabled} @input=${this.stop} @change=${this.onNaToggle} />
        ${t(l, 'notApplicable')}<span class="visually-hidden">: ${f.code ?? ''} ${f.label[l]}</span></label
      >
      ${na
        ? html`<div class="na-reason">
            <label for="na-reason">${t(l, 'notApplicableReason')}<abbr class="req" title=${t(l, 'required')} aria-hidden="true">*</abbr></label>
            ${this.messages('na-msg', problems)}
            <textarea
              id="na-reason"
              rows="2"
              aria-required="true"
              aria-invalid=${problems.some((p) => p.severity === 'error') ? 'true' : 'false'}
              aria-describedby=${problems.length ? 'na-msg' : nothing}
              ?disabled=${this.disabled}
              .value=${live(this.notApplicableReason ?? '')}
              @input=${(e: Event) => this.onReason(e, false)}
              @change=${(e: Event) => this.onReason(e, true)}
            ></textarea>
          </div>`
        : nothing}
    </div>`;
  }

  private renderEvidence(f: FieldNode): TemplateResult {
    const l = this.l;
    const problems = this.problemsFor('evidence');
    const href = safeHref(this.evidence);
    return html`<div class="evidence" part="evidence">
      <label for="evidence" class="screen-only">${t(l, f.evidence === 'required' ? 'evidenceRequired' : 'evidence')}</label>
      ${this.messages('ev-msg', problems)}
      <div class="control-row screen-only">
        <input
          id="evidence"
          type="url"
          inputmode="url"
          autocomplete="url"
          placeholder="https://"
          aria-invalid=${problems.some((p) => p.severity === 'error') ? 'true' : 'false'}
          aria-describedby=${problems.length ? 'ev-msg' : nothing}
          ?disabled=${this.disabled}
          .value=${live(this.evidence ?? '')}
          @input=${(e: Event) => this.onEvidence(e, false)}
          @change=${(e: Event) => this.onEvidence(e, true)}
        />
        ${href
          ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${t(l, 'openEvidence')}<span class="visually-hidden">: ${f.label[l]}</span></a>`
          : nothing}
      </div>
      ${this.evidence ? html`<div class="print-only">${t(l, 'evidence')}: ${this.evidence}</div>` : nothing}
    </div>`;
  }
}

interface ControlContext {
  invalid: boolean;
  describedBy: string;
  disabled: boolean;
}

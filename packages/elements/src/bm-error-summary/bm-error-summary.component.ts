import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Lang, ReportError } from '@bieumau/core';
import { BmErrorSelectEvent } from '../shared/events.js';
import { t, toLang } from '../shared/strings.js';
import { summaryStyles } from './bm-error-summary.styles.js';

/** Links listed before "and N more": a long list helps nobody. */
const MAX_LINKS = 50;

/**
 * The list of problems at the top of a form (the GOV.UK error summary
 * pattern): a heading with the count, one link per problem naming the field
 * by its code and label, warnings listed apart. Following a link fires
 * `bm-error-select`; `<bm-report-form>` answers by showing and focusing the
 * field (links cannot reach into shadow roots by `href` alone).
 *
 * @summary Error summary with links to the fields in error.
 * @tag bm-error-summary
 *
 * @fires {BmErrorSelectEvent} bm-error-select - when a link is followed; `error` is the problem.
 *
 * @csspart summary - The box.
 * @csspart title - The heading.
 * @csspart list - The list of links.
 *
 * @cssprop --bm-color-error - Border and heading accent.
 * @cssprop --bm-color-warning - Accent of the warnings list.
 */
export class BmErrorSummary extends LitElement {
  /** Styles of the element's shadow root; theme it with the documented custom properties and parts. */
  static override styles = summaryStyles;

  static override properties = {
    errors: { attribute: false },
    warnings: { attribute: false },
    lang: { type: String, reflect: true },
  };

  /** Errors, with messages. */
  declare errors: readonly ReportError[];
  /** Warnings, with messages (listed apart; they do not block sending). */
  declare warnings: readonly ReportError[];
  declare lang: string;

  constructor() {
    super();
    this.errors = [];
    this.warnings = [];
    this.lang = 'vi';
  }

  private get l(): Lang {
    return toLang(this.lang);
  }

  /** Moves focus to the summary box (it is announced as an alert when it appears). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('.summary')?.focus(options);
  }

  private select(e: Event, error: ReportError): void {
    e.preventDefault();
    this.dispatchEvent(new BmErrorSelectEvent(error));
  }

  private item(error: ReportError): TemplateResult {
    const where = error.sheet || error.cell ? ` (${[error.sheet, error.cell].filter(Boolean).join('!')})` : '';
    return html`<li>
      <a href=${`#${encodeURIComponent(error.instancePath || '/')}`} @click=${(e: Event) => this.select(e, error)}>${error.message ?? error.keyword}${where}</a>
    </li>`;
  }

  private list(items: readonly ReportError[]): TemplateResult {
    const l = this.l;
    const more = items.length - MAX_LINKS;
    return html`<ul part="list">
      ${items.slice(0, MAX_LINKS).map((e) => this.item(e))}
      ${more > 0 ? html`<li class="more">${l === 'vi' ? `… và ${more} vấn đề khác` : `… and ${more} more`}</li>` : nothing}
    </ul>`;
  }

  protected override render(): TemplateResult {
    const l = this.l;
    const nErr = this.errors.length;
    const nWarn = this.warnings.length;
    if (nErr === 0 && nWarn === 0) return html`<div role="alert"></div>`;
    return html`<div role="alert">
      <div class="summary ${nErr ? '' : 'warnings-only'}" part="summary" tabindex="-1" aria-labelledby="title">
        <h2 id="title" part="title">${nErr ? t(l, 'summaryTitle', { n: nErr }) : t(l, 'summaryTitleWarnings', { n: nWarn })}</h2>
        ${nErr ? this.list(this.errors) : nothing}
        ${nWarn
          ? html`<div class="warnings">
              ${nErr ? html`<h3>${t(l, 'warningsTitle')}</h3>` : nothing} ${this.list(this.warnings)}
            </div>`
          : nothing}
      </div>
    </div>`;
  }
}

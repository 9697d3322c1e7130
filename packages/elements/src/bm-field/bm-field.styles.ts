import { css } from 'lit';
import { baseStyles } from '../shared/theme.styles.js';

export const fieldStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      margin: 0 0 calc(var(--_space) * 2);
    }
    .field {
      border-left: 4px solid transparent;
      padding-left: calc(var(--_space) * 1.5);
    }
    .field:has([aria-invalid='true']) {
      border-left-color: var(--_error);
    }
    fieldset {
      border: none;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    legend,
    label#label {
      display: block;
      font-weight: 600;
      margin-bottom: 0.2rem;
      padding: 0;
    }
    .code {
      display: inline-block;
      min-width: 2.5em;
      color: var(--_primary);
      font-variant-numeric: tabular-nums;
    }
    .req {
      color: var(--_error);
      text-decoration: none;
      margin-left: 0.15em;
    }
    .unit-inline,
    .badge {
      font-weight: normal;
      color: var(--_muted);
    }
    .badge {
      font-size: 0.8em;
      border: 1px solid var(--_border);
      border-radius: 1em;
      padding: 0 0.5em;
    }
    .hint {
      color: var(--_muted);
      margin: 0 0 0.25rem;
      font-size: 0.95em;
    }
    .control-row {
      display: flex;
      align-items: center;
      gap: var(--_space);
      flex-wrap: wrap;
    }
    input[type='text'],
    input[type='url'],
    input[type='email'],
    input[type='tel'] {
      width: min(36rem, 100%);
    }
    input.num {
      width: 11rem;
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    input.short {
      width: 9rem;
    }
    .unit {
      color: var(--_muted);
    }
    .options {
      display: flex;
      flex-direction: column;
      gap: 0.2rem;
    }
    .options.inline {
      flex-direction: row;
      flex-wrap: wrap;
      gap: 0.3rem 1.2rem;
      align-items: center;
    }
    .option {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      min-height: 1.8rem;
    }
    .option input {
      width: 1.15rem;
      height: 1.15rem;
      margin: 0;
      accent-color: var(--_primary);
    }
    .computed {
      display: inline-block;
      min-width: 11rem;
      padding: 0.3rem 0.45rem;
      background: var(--_surface-alt);
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .ratio {
      display: flex;
      align-items: flex-end;
      gap: var(--_space);
      flex-wrap: wrap;
    }
    .ratio-part {
      display: flex;
      flex-direction: column;
      font-size: 0.95em;
    }
    .ratio-result {
      color: var(--_muted);
      padding-bottom: 0.4rem;
    }
    .na,
    .evidence {
      margin-top: 0.4rem;
    }
    .na-reason {
      margin-top: 0.3rem;
      max-width: 40rem;
    }
    .evidence label {
      display: block;
      font-size: 0.95em;
    }
    .evidence input {
      width: min(30rem, 100%);
    }
    .is-na .value-row,
    .is-na .options,
    .is-na .ratio {
      opacity: 0.55;
    }
    @media print {
      :host {
        margin: 0 0 4pt;
        break-inside: avoid;
      }
      .field {
        border: none;
        padding: 0;
        display: grid;
        grid-template-columns: 1fr 40%;
        gap: 0 8pt;
      }
      .field > * {
        grid-column: 1;
      }
      .field > .pv {
        grid-column: 2;
        grid-row: 1 / span 3;
      }
      .hint,
      .messages,
      .badge,
      .unit,
      .req,
      .control-row,
      .options,
      .ratio {
        display: none !important;
      }
      legend,
      label#label {
        font-weight: normal;
      }
      .code {
        color: #000;
      }
      .pv {
        border-bottom: 1px dotted #000;
        min-height: 1.2em;
      }
    }
  `,
];

import { css } from 'lit';
import { baseStyles } from '../shared/theme.styles.js';

export const summaryStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    .summary {
      border: 4px solid var(--_error);
      padding: 0.8rem 1rem;
      margin: 0 0 1.2rem;
      background: var(--_surface);
    }
    .summary.warnings-only {
      border-color: var(--_warning);
    }
    .summary:focus {
      outline: 3px solid var(--_focus);
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.2em;
    }
    h3 {
      margin: 0.8rem 0 0.3rem;
      font-size: 1em;
      color: var(--_warning);
    }
    ul {
      margin: 0;
      padding-left: 1.2rem;
    }
    li {
      margin: 0.2rem 0;
    }
    a {
      color: var(--_error);
      font-weight: 600;
    }
    .warnings a {
      color: var(--_warning);
    }
    a:focus {
      outline: 3px solid var(--_focus);
      background: var(--_focus);
      color: #0b0c0c;
    }
    @media print {
      :host {
        display: none;
      }
    }
  `,
];

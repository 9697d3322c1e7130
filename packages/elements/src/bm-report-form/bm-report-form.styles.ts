import { css } from 'lit';
import { baseStyles } from '../shared/theme.styles.js';

export const formStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      max-width: var(--bm-max-width, 80rem);
    }
    .official {
      margin-bottom: 1rem;
    }
    .form-number {
      text-align: right;
      font-style: italic;
      margin: 0;
      color: var(--_muted);
    }
    .title {
      font-size: 1.45em;
      margin: 0.2rem 0 0.6rem;
      line-height: 1.25;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.2rem 1.5rem;
      margin: 0;
      color: var(--_muted);
    }
    .meta div {
      display: flex;
      gap: 0.4rem;
    }
    .meta dt::after {
      content: ':';
    }
    .meta dd {
      margin: 0;
      color: var(--_text);
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      padding: 0.5rem 0;
      border-top: 1px solid var(--_border);
      border-bottom: 1px solid var(--_border);
      margin-bottom: 1rem;
    }
    .draft {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.8rem;
      padding: 0.7rem 1rem;
      border-left: 6px solid var(--_primary);
      background: var(--_surface-alt);
      margin-bottom: 1rem;
    }
    .draft p {
      margin: 0;
      flex: 1 1 16rem;
    }
    .layout {
      display: grid;
      grid-template-columns: var(--bm-nav-width, 17rem) minmax(0, 1fr);
      gap: 1.5rem;
      align-items: start;
    }
    @media (max-width: 60rem) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
      .nav {
        position: static !important;
        max-height: none !important;
      }
    }
    .nav {
      position: sticky;
      top: 0.5rem;
      max-height: calc(100vh - 1rem);
      overflow: auto;
      background: var(--_surface-alt);
      border-radius: var(--_radius);
      padding: 0.5rem;
    }
    .nav ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .nav a {
      display: block;
      padding: 0.35rem 0.4rem;
      color: var(--_text);
      text-decoration: none;
      border-radius: var(--_radius);
    }
    .nav a:hover .nav-label {
      text-decoration: underline;
    }
    .nav .code,
    h3 .code,
    h4 .code,
    h5 .code,
    h6 .code {
      color: var(--_primary);
    }
    .nav-progress {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      font-size: 0.82em;
      color: var(--_muted);
    }
    /* No inline style anywhere: a strict CSP (style-src 'self') refuses style attributes. */
    .bar {
      flex: 0 0 4rem;
      height: 0.35rem;
      appearance: none;
      border: none;
      background: #d5dbe2;
      border-radius: 1rem;
      overflow: hidden;
    }
    .bar::-webkit-progress-bar {
      background: #d5dbe2;
    }
    .bar::-webkit-progress-value {
      background: var(--_primary);
    }
    .bar::-moz-progress-bar {
      background: var(--_primary);
    }
    .nav-errors {
      color: var(--_error);
      font-weight: 600;
    }
    section {
      margin-bottom: 1.5rem;
      padding-bottom: 0.5rem;
      border-bottom: 1px solid #d5dbe2;
      /* Sections out of view skip style, layout and paint until scrolled to:
         a long form paints its first screen only. They stay in the
         accessibility tree and find-in-page. */
      content-visibility: auto;
      contain-intrinsic-size: auto 900px;
    }
    h3 {
      font-size: 1.2em;
      margin: 0 0 0.8rem;
      padding: 0.3rem 0;
      border-bottom: 2px solid var(--_primary);
    }
    h3:focus {
      outline: 3px solid var(--_focus);
    }
    h4,
    h5,
    h6 {
      font-size: 1.05em;
      margin: 1rem 0 0.6rem;
    }
    .subsection {
      margin-left: 0.2rem;
    }
    .help,
    .footnote {
      color: var(--_muted);
      font-size: 0.95em;
    }
    .footnote {
      font-style: italic;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.6rem;
      margin: 1.5rem 0;
    }
    .actions .primary {
      font-weight: 600;
      padding: 0.45rem 1.2rem;
    }
    .status-visible {
      color: var(--_muted);
      min-height: 1.4em;
    }
    .load-error {
      border: 4px solid var(--_error);
      padding: 1rem;
    }
    @media print {
      :host {
        max-width: none;
      }
      .layout {
        display: block;
      }
      .letterhead {
        display: grid !important;
        grid-template-columns: 1fr 1.3fr;
        text-align: center;
        margin-bottom: 8pt;
      }
      .letterhead .agency {
        font-weight: bold;
      }
      .motto {
        font-weight: bold;
        text-decoration: underline;
      }
      .title {
        text-align: center;
        font-size: 14pt;
        text-transform: uppercase;
      }
      .meta {
        justify-content: center;
        color: #000;
      }
      .meta dd {
        color: #000;
      }
      .form-number {
        color: #000;
      }
      section {
        border: none;
        break-inside: auto;
        content-visibility: visible;
      }
      h3 .code,
      h4 .code,
      h5 .code,
      h6 .code {
        color: #000;
      }
      h3 {
        font-size: 12pt;
        border: none;
        padding: 0;
        break-after: avoid;
      }
      h4,
      h5,
      h6 {
        font-size: 12pt;
        break-after: avoid;
      }
      .signature {
        display: grid !important;
        grid-template-columns: 1fr 1fr;
        text-align: center;
        gap: 4pt 16pt;
        margin-top: 16pt;
        break-inside: avoid;
      }
      .signature .sign {
        min-height: 30mm;
      }
    }
  `,
];

/** Document-level print rules (`@page` cannot live in a shadow root). */
export const pageStyles = `@page { size: A4 portrait; margin: 15mm 15mm 15mm 20mm; }`;

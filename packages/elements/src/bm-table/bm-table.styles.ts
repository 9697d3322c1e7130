import { css } from 'lit';
import { baseStyles } from '../shared/theme.styles.js';

export const tableStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      margin: 0 0 calc(var(--_space) * 3);
    }
    .scroll {
      overflow-x: auto;
      max-width: 100%;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.95em;
    }
    caption {
      text-align: left;
      font-weight: 600;
      padding: 0.4rem 0.5rem;
      background: var(--_surface);
    }
    caption .code,
    th .code {
      color: var(--_primary);
    }
    .count,
    .unit {
      font-weight: normal;
      color: var(--_muted);
    }
    th,
    td {
      border: 1px solid var(--_border);
      padding: 0.2rem 0.3rem;
      vertical-align: top;
    }
    thead th {
      background: var(--bm-table-header-background, #e8edf3);
      text-align: center;
      vertical-align: middle;
      font-weight: 600;
    }
    tbody th {
      text-align: center;
      font-weight: normal;
      width: 3.5rem;
      font-variant-numeric: tabular-nums;
    }
    tbody tr:nth-child(even) {
      background: var(--bm-table-stripe, #f7f9fb);
    }
    tr.has-problem th {
      box-shadow: inset 4px 0 0 var(--_error);
    }
    td input,
    td select {
      width: 100%;
      min-width: 7rem;
      min-height: 1.9rem;
    }
    td.kind-text input,
    td.kind-longText input,
    input.wide {
      min-width: 14rem;
    }
    td input.num {
      text-align: right;
      min-width: 6rem;
      font-variant-numeric: tabular-nums;
    }
    .computed {
      display: block;
      text-align: right;
      color: var(--_muted);
    }
    .actions {
      white-space: nowrap;
    }
    .actions button {
      min-width: 2rem;
      padding: 0.2rem 0.4rem;
    }
    .actions .remove {
      color: var(--_error);
    }
    .empty {
      text-align: center;
      color: var(--_muted);
      padding: 1rem;
    }
    .cell-messages .message,
    th .message {
      font-size: 0.9em;
      font-weight: 600;
    }
    .pager {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: center;
      margin-top: 0.5rem;
    }
    .pager .range {
      color: var(--_muted);
      margin-left: auto;
    }
    .foot {
      display: flex;
      flex-wrap: wrap;
      gap: 0.8rem;
      align-items: center;
      margin-top: 0.5rem;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.9em;
    }
    @media print {
      .scroll {
        overflow: visible;
        border: none;
      }
      table {
        font-size: 10pt;
      }
      th,
      td {
        border: 1px solid #000;
      }
      thead {
        display: table-header-group;
      }
      tr {
        break-inside: avoid;
      }
      thead th {
        background: none;
      }
      tbody tr:nth-child(even) {
        background: none;
      }
      caption .code,
      th .code {
        color: #000;
      }
      .count {
        display: none;
      }
    }
  `,
];

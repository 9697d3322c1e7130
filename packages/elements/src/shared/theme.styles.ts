/**
 * Styles shared by every element: the design tokens (CSS custom properties
 * with defaults that look at home on a plain government portal) and the
 * controls' base look. Pages theme through the tokens and `::part`.
 * @module
 */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --_primary: var(--bm-color-primary, #0b4f9c);
    --_primary-contrast: var(--bm-color-primary-contrast, #ffffff);
    --_text: var(--bm-color-text, #1b1b1b);
    --_muted: var(--bm-color-muted, #505a66);
    --_border: var(--bm-color-border, #6b7580);
    --_surface: var(--bm-color-surface, #ffffff);
    --_surface-alt: var(--bm-color-surface-alt, #f3f5f8);
    --_error: var(--bm-color-error, #b3261e);
    --_warning: var(--bm-color-warning, #7a4d00);
    --_focus: var(--bm-color-focus, #ffbf47);
    --_radius: var(--bm-radius, 3px);
    --_space: var(--bm-space, 0.5rem);
    --_font: var(--bm-font-family, 'Times New Roman', 'Noto Serif', serif);
    --_ui-font: var(--bm-ui-font-family, system-ui, 'Segoe UI', Roboto, Arial, sans-serif);
    --_font-size: var(--bm-font-size, 1rem);
    font-family: var(--_ui-font);
    font-size: var(--_font-size);
    color: var(--_text);
    line-height: 1.4;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  input,
  select,
  textarea,
  button {
    font: inherit;
    color: inherit;
  }
  input[type='text'],
  input[type='url'],
  input[type='email'],
  input[type='tel'],
  input:not([type]),
  select,
  textarea {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: 0.3rem 0.45rem;
    min-height: 2.1rem;
    max-width: 100%;
  }
  textarea {
    width: 100%;
    min-height: 4.5rem;
    resize: vertical;
  }
  input:disabled,
  select:disabled,
  textarea:disabled,
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  [aria-invalid='true'] {
    border-color: var(--_error) !important;
    box-shadow: inset 0 0 0 1px var(--_error);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  input:focus,
  select:focus,
  textarea:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    border-color: var(--_text);
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: 0.3rem 0.7rem;
    min-height: 2.1rem;
  }
  button.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_primary-contrast);
  }
  button.link {
    border: none;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
    padding: 0.1rem 0.2rem;
    min-height: auto;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .message {
    color: var(--_error);
    font-weight: 600;
    margin: 0.15rem 0;
  }
  .message.warning {
    color: var(--_warning);
  }
  .print-only {
    display: none;
  }
  @media print {
    .print-only {
      display: revert;
    }
    .screen-only {
      display: none !important;
    }
    :host {
      font-family: var(--_font);
      font-size: 12pt;
      color: #000;
    }
  }
`;

import { BmErrorSummary } from './bm-error-summary.component.js';
import { defineElement } from '../shared/define.js';

export { BmErrorSummary };
defineElement('bm-error-summary', BmErrorSummary);

declare global {
  interface HTMLElementTagNameMap {
    'bm-error-summary': BmErrorSummary;
  }
}

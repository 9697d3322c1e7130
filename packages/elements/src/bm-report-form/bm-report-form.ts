import { BmReportForm } from './bm-report-form.component.js';
import { defineElement } from '../shared/define.js';

export { BmReportForm };
defineElement('bm-report-form', BmReportForm);

declare global {
  interface HTMLElementTagNameMap {
    'bm-report-form': BmReportForm;
  }
}

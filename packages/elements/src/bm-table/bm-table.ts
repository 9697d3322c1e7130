import { BmTable } from './bm-table.component.js';
import { defineElement } from '../shared/define.js';

export { BmTable };
defineElement('bm-table', BmTable);

declare global {
  interface HTMLElementTagNameMap {
    'bm-table': BmTable;
  }
}

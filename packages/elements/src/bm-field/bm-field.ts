import { BmField } from './bm-field.component.js';
import { defineElement } from '../shared/define.js';

export { BmField };
defineElement('bm-field', BmField);

declare global {
  interface HTMLElementTagNameMap {
    'bm-field': BmField;
  }
}

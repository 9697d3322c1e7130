// Test page: elements used on their own, outside <bm-report-form>.
import { buildModel } from '@bieumau/core';
import { registry } from '@bieumau/definitions';
import '@bieumau/elements';
import { BmChangeEvent, BmErrorSelectEvent, BmInputEvent } from '@bieumau/elements';

const model = buildModel(await registry.get({ form: 'annual-ict', version: '2019', variant: 'province' }));
const events: { type: string; edits?: unknown; error?: unknown }[] = [];
document.addEventListener('input', (e) => e instanceof BmInputEvent && events.push({ type: 'input', edits: e.edits }));
document.addEventListener('change', (e) => e instanceof BmChangeEvent && events.push({ type: 'change', edits: e.edits }));
document.addEventListener('bm-error-select', (e) => e instanceof BmErrorSelectEvent && events.push({ type: 'bm-error-select', error: e.error }));

/** Adds a <bm-field> for the field at a template pointer. */
function field(template: string, props: Record<string, unknown> = {}): HTMLElement {
  const el = document.createElement('bm-field');
  Object.assign(el, { field: model.byTemplate.get(template) }, props);
  document.querySelector('main')!.append(el);
  return el;
}
Object.assign(window, { t: { model, events, field } });
document.dispatchEvent(new Event('t-ready'));

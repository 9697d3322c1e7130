// Bench page: the 2019 province form, a precompiled validator, and helpers to time
// the first render and keystroke-to-message latency inside the page.
import '@bieumau/elements';
import type { BmReportForm } from '@bieumau/elements';
import { registry } from '@bieumau/definitions';
import validator from '../../.cache/annual-ict-2019-province.validator.js';

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

async function settled(el: BmReportForm): Promise<void> {
  await el.updateComplete;
  const kids = [...el.shadowRoot!.querySelectorAll('bm-field, bm-table, bm-error-summary')] as unknown as { updateComplete: Promise<unknown> }[];
  await Promise.all(kids.map((k) => k.updateComplete));
}

const definition = await registry.get({ form: 'annual-ict', version: '2019', variant: 'province' });

/** Creates a form, gives it the definition and report, and times until it is rendered and painted. */
async function firstRender(report: unknown): Promise<{ dom: number; paint: number }> {
  document.querySelector('bm-report-form')?.remove();
  await frame();
  const t0 = performance.now();
  const el = document.createElement('bm-report-form');
  el.validator = validator;
  el.definition = definition;
  el.value = report;
  document.body.append(el);
  await settled(el);
  const dom = performance.now() - t0;
  await frame();
  return { dom, paint: performance.now() - t0 };
}

/** Types one character into a control and times until the field's message is in the DOM (and painted). */
async function keystroke(selector: { host: string; control: string }, text: string, expectMessage: boolean): Promise<{ dom: number; paint: number; message: boolean }> {
  const el = document.querySelector('bm-report-form')!;
  const host = el.shadowRoot!.querySelector(selector.host) as HTMLElement & { updateComplete: Promise<unknown> };
  const input = host.shadowRoot!.querySelector(selector.control) as HTMLInputElement;
  input.focus();
  const t0 = performance.now();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text.slice(-1), inputType: 'insertText' }));
  await el.updateComplete;
  await host.updateComplete;
  const dom = performance.now() - t0;
  const message = !!host.shadowRoot!.querySelector('.message');
  await frame();
  if (message !== expectMessage) console.warn('unexpected message state', selector, text);
  return { dom, paint: performance.now() - t0, message };
}

Object.assign(window, { bench: { firstRender, keystroke } });
document.dispatchEvent(new Event('bench-ready'));

// Bench page: the peers rendering the same 2019 province form (schema without
// our annotations, same 2,000-row report), timed like <bm-report-form>.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import { Model as SurveyModel } from 'survey-core';
import 'survey-js-ui';

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

function mount(): HTMLElement {
  document.getElementById('peer')?.remove();
  const el = document.createElement('div');
  el.id = 'peer';
  document.body.append(el);
  return el;
}

async function timeReact(make: () => ReturnType<typeof createElement>): Promise<{ dom: number; paint: number; inputs: number; note?: string }> {
  const el = mount();
  await frame();
  const t0 = performance.now();
  const root = createRoot(el);
  flushSync(() => root.render(make()));
  const dom = performance.now() - t0;
  await frame();
  const paint = performance.now() - t0;
  const inputs = el.querySelectorAll('input, select, textarea').length;
  const missing = (el.textContent ?? '').split('No applicable').length - 1;
  if (!(window as unknown as { keepPeer?: boolean }).keepPeer) root.unmount();
  return { dom, paint, inputs, ...(missing ? { note: `${missing} × "No applicable renderer"` } : {}) };
}

const peers = {
  rjsf: (schema: object, data: unknown) => timeReact(() => createElement(Form, { schema, formData: data, validator, liveValidate: false } as never)),
  jsonforms: (input: { schema: object; uischema: object }, data: unknown) =>
    timeReact(() => createElement(JsonForms, { schema: input.schema, uischema: input.uischema, data, renderers: vanillaRenderers, cells: vanillaCells, onChange: () => undefined } as never)),
  async survey(json: object, data: unknown): Promise<{ dom: number; paint: number; inputs: number }> {
    const el = mount();
    await frame();
    const t0 = performance.now();
    const survey = new SurveyModel(json);
    survey.data = data;
    (survey as unknown as { render(el: HTMLElement): void }).render(el);
    const dom = performance.now() - t0;
    await frame();
    const paint = performance.now() - t0;
    return { dom, paint, inputs: el.querySelectorAll('input, select, textarea').length };
  },
};
Object.assign(window, { peers });

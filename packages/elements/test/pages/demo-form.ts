// Test page: the demo-form fixture definition, the runtime validator, and the elements.
import { createDefinition } from '@bieumau/core';
import { createRegistry, memorySource } from '@bieumau/definitions';
import { createValidator } from '@bieumau/validator';
import '@bieumau/elements';
import { BmInputEvent } from '@bieumau/elements';
import shared from '../../../../test/fixtures/definitions/demo-form/2025/shared.json' with { type: 'json' };
import unit from '../../../../test/fixtures/definitions/demo-form/2025/unit.json' with { type: 'json' };
import en from '../../../../test/fixtures/definitions/demo-form/2025/i18n/en.json' with { type: 'json' };
import sample from '../../../../test/fixtures/definitions/demo-form/2025/samples/unit.json' with { type: 'json' };

const files = { resources: [shared, unit] as never[], catalogues: { en } as never };
const definition = createDefinition(files);
const registry = createRegistry(memorySource([files]));
const validator = createValidator(definition);
const events: { type: string; pointer?: string }[] = [];
for (const type of ['input', 'change', 'bm-validate', 'bm-submit']) {
  document.addEventListener(type, (e) => events.push({ type, pointer: e instanceof BmInputEvent ? e.pointer : (e as { pointer?: string }).pointer }));
}
Object.assign(window, { bm: { definition, registry, validator, sample, events } });
document.dispatchEvent(new Event('bm-ready'));

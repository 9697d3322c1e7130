// Test page for a strict Content-Security-Policy: the precompiled validator
// module (no ajv compiler, no eval) and the elements.
import { createDefinition } from '@bieumau/core';
import '@bieumau/elements';
import validator from '../../.cache/demo-form-unit.validator.js';
import shared from '../../../../test/fixtures/definitions/demo-form/2025/shared.json' with { type: 'json' };
import unit from '../../../../test/fixtures/definitions/demo-form/2025/unit.json' with { type: 'json' };
import en from '../../../../test/fixtures/definitions/demo-form/2025/i18n/en.json' with { type: 'json' };

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
const definition = createDefinition({ resources: [shared, unit] as never[], catalogues: { en } as never });
Object.assign(window, { bm: { definition, validator, violations } });

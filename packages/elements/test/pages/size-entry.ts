// What a portal ships for one form: the elements and one precompiled validator.
// Definitions and the Excel codec are lazy chunks (loaded when used).
import '@bieumau/elements';
import validator from '../../.cache/annual-ict-2019-province.validator.js';

const form = document.querySelector('bm-report-form');
if (form) form.validator = validator;

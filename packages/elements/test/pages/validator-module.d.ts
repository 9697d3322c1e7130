// Precompiled validator modules written into packages/elements/.cache by the tests and the bench.
declare module '*.validator.js' {
  import type { Validator } from '@bieumau/validator';
  const validator: Validator;
  export default validator;
}

/**
 * ajv-formats' full-mode formats, for precompiled code that uses a format
 * without an ES copy in `formats.ts`. In a module of its own so a bundle
 * that does not need it leaves the whole CommonJS module out.
 * @module
 */
import * as formatsModule from 'ajv-formats/dist/formats.js';
import { pick } from './interop.js';

/** ajv-formats' `fullFormats`. */
export const fullFormats = /* @__PURE__ */ pick<Record<string, unknown>>(formatsModule, 'fullFormats');

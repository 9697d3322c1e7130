// Package build step (after tsc): one precompiled validator module per
// published definition in dist/precompiled/, exported as
// `@bieumau/validator/precompiled/<form>-<version>-<variant>`. Generated at
// build time, never committed.
import { fileURLToPath } from 'node:url';
import { registry } from '@bieumau/definitions';
import { writePrecompiled } from '../dist/precompile.js';

const out = fileURLToPath(new URL('../dist/precompiled/', import.meta.url));
const definitions = await Promise.all(registry.list().map((s) => registry.get(s)));
const files = writePrecompiled(definitions, out);
console.log(`precompiled ${files.length} validators into ${out}`);

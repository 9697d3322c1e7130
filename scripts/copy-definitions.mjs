// Copies definitions/ into packages/definitions/json/ for the published
// tarball (`@bieumau/definitions/json/<form>/<version>/<file>.json`), so
// back ends in other languages can load the same files from npm. The copy is
// build output: ignored by git.
import { cpSync, rmSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../definitions', import.meta.url));
const dest = fileURLToPath(new URL('../packages/definitions/json', import.meta.url));
rmSync(dest, { recursive: true, force: true });
cpSync(src, dest, {
  recursive: true,
  // Sample generators are tooling, not data.
  filter: (path) => !/\.(m?js|ts)$/.test(path),
});
if (!existsSync(dest)) throw new Error(`copy-definitions: ${dest} was not written`);

/**
 * Writes the artefacts generated from `definitions/` into
 * packages/definitions/src/generated/: the embedded version modules of the
 * registry and the TypeScript report types. Committed, and guarded by
 * packages/definitions/src/generated.test.ts, which fails when they drift.
 *
 *   npm run generate            write
 *   npm run generate -- --check exit 1 if anything would change
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAll } from './lib/generate-definitions.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(repo, 'packages/definitions/src/generated');
const files = await generateAll(join(repo, 'definitions'));
const check = process.argv.includes('--check');
let drift = 0;
const wanted = new Set(Object.keys(files));
for (const [rel, text] of Object.entries(files)) {
  const path = join(out, rel);
  const old = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (old === text) continue;
  drift++;
  if (check) console.log(`would change: ${rel}`);
  else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote ${rel}`);
  }
}
const stale = (dir: string, prefix = ''): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? stale(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
      )
    : [];
for (const rel of stale(out)) {
  if (wanted.has(rel)) continue;
  drift++;
  if (check) console.log(`would remove: ${rel}`);
  else {
    rmSync(join(out, rel));
    console.log(`removed ${rel}`);
  }
}
if (check && drift) process.exit(1);
console.log(drift ? `${drift} file(s) ${check ? 'out of date' : 'updated'}` : 'generated files are up to date');

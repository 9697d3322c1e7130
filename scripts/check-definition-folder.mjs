// Quick structural check of one definition folder, for authors while the
// validator package is being built: strict-compiles every variant with ajv and
// validates the samples against the schema (rules are not evaluated here).
// Usage: node scripts/check-definition-folder.mjs definitions/<form>/<version>
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const dir = process.argv[2];
const vocabulary = ['bmForm', 'bmCode', 'bmUnit', 'bmKind', 'bmOptionTitles', 'bmHeaderGroups',
  'bmNotApplicable', 'bmEvidence', 'bmFootnote', 'bmCompute', 'bmRules'];
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv, { mode: 'full' });
ajv.addVocabulary(vocabulary);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const docs = files.map((f) => ({ f, s: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
for (const { s } of docs) ajv.addSchema(s);
let failed = 0;
for (const { f, s } of docs) {
  if (!s.bmForm) continue;
  const validate = ajv.getSchema(s.$id);
  console.log(`compiled ${f} (${s.bmForm.form}@${s.bmForm.version}/${s.bmForm.variant})`);
  const sampleDir = join(dir, 'samples');
  if (!existsSync(sampleDir)) continue;
  for (const sf of readdirSync(sampleDir).filter((x) => x.startsWith(s.bmForm.variant))) {
    const data = JSON.parse(readFileSync(join(sampleDir, sf), 'utf8'));
    if (data.definition?.variant !== s.bmForm.variant) continue;
    const ok = validate(data);
    console.log(`  sample ${sf}: ${ok ? 'valid' : 'INVALID'}`);
    if (!ok) { failed++; console.log(JSON.stringify(validate.errors.slice(0, 10), null, 1)); }
  }
}
const en = join(dir, 'i18n/en.json');
console.log(existsSync(en) ? 'i18n/en.json present' : 'i18n/en.json MISSING');
process.exit(failed ? 1 : 0);

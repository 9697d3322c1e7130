// Turns a sample report into a filled Excel workbook and back, and checks
// that nothing was lost. Runs against the TypeScript sources of the
// repository (no build) through tsx:
//
//   node --import tsx --conditions=bieumau-source examples/node-excel-roundtrip/roundtrip.mjs \
//        [definition folder] [sample report] [output folder]
//
// Defaults: definitions/annual-ict/2019 with its province sample (or the
// test fixture demo-form/2025 when that folder is absent), output in a
// temporary folder. With the published packages installed, the same code
// runs with plain `node`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { createDefinition } from '@bieumau/core';
import { createTemplate, readWorkbook, writeWorkbook } from '@bieumau/excel';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fallback = existsSync(join(repo, 'definitions/annual-ict/2019/samples/province.json'))
  ? { dir: join(repo, 'definitions/annual-ict/2019'), sample: join(repo, 'definitions/annual-ict/2019/samples/province.json') }
  : { dir: join(repo, 'test/fixtures/definitions/demo-form/2025'), sample: join(repo, 'test/fixtures/definitions/demo-form/2025/samples/unit.json') };
const dir = resolve(process.argv[2] ?? fallback.dir);
const samplePath = resolve(process.argv[3] ?? fallback.sample);
const out = process.argv[4] ? resolve(process.argv[4]) : mkdtempSync(join(tmpdir(), 'bieumau-example-'));
mkdirSync(out, { recursive: true });

// A definition is its folder's schema files plus the English catalogue.
const json = (p) => JSON.parse(readFileSync(p, 'utf8'));
const resources = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('migration')).map((f) => json(join(dir, f))).filter((s) => typeof s.$id === 'string');
const catalogues = existsSync(join(dir, 'i18n/en.json')) ? { en: json(join(dir, 'i18n/en.json')) } : {};
const report = json(samplePath);
const root = resources.find((r) => r.bmForm && r.bmForm.variant === report.definition.variant);
const definition = createDefinition({ resources, root: root.$id, catalogues });

const template = await createTemplate(definition);
writeFileSync(join(out, 'template.xlsx'), template);
const filled = await writeWorkbook(report, definition);
writeFileSync(join(out, 'filled.xlsx'), filled);
console.log(`wrote ${join(out, 'template.xlsx')} (${template.length} bytes) and ${join(out, 'filled.xlsx')} (${filled.length} bytes)`);

const { report: back, diagnostics } = await readWorkbook(readFileSync(join(out, 'filled.xlsx')), { definition });
for (const d of diagnostics) console.log(`${d.severity}: ${d.message}`);
// Compare as JSON values (key order aside).
const normal = (v) => JSON.parse(JSON.stringify(v));
if (isDeepStrictEqual(normal(back), normal(report))) {
  console.log('round trip: identical report');
} else {
  console.error('round trip: the report read back differs');
  console.error(JSON.stringify(back, null, 2));
  process.exit(1);
}

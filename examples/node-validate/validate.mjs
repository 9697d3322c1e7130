import { readFile } from 'node:fs/promises';
import { validate } from '@bieumau/validator';

const report = JSON.parse(await readFile(process.argv[2], 'utf8'));
const { ok, errors, warnings } = await validate(report, { lang: process.argv[3] ?? 'vi' });
for (const e of [...errors, ...warnings]) console.log(`${e.severity} ${e.instancePath}: ${e.message}`);
process.exitCode = ok ? 0 : 1;

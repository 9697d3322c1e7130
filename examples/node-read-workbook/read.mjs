import { readFile } from 'node:fs/promises';
import { readAndValidate } from '@bieumau/excel';

const { ok, errors, warnings } = await readAndValidate(await readFile(process.argv[2]), { lang: 'vi' });
for (const e of [...errors, ...warnings]) console.log(`${e.severity} '${e.sheet ?? ''}'!${e.cell ?? ''} ${e.instancePath}: ${e.message}`);
process.exitCode = ok ? 0 : 1;

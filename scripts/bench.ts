/**
 * `npm run bench`: runs every bench/*.bench.ts module and writes BENCHMARKS.md.
 * A module's default export returns a Markdown section; peers are measured
 * inside the same module, in the same run, so the figures compare.
 *   npm run bench                 all modules
 *   npm run bench -- validator    modules whose name contains "validator"
 */
import { readdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const modules = readdirSync(join(repo, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
const out = join(repo, 'BENCHMARKS.md');
const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
const sections = new Map<string, string>();
for (const m of previous.matchAll(/<!-- bench:(\S+) -->\n([\s\S]*?)<!-- \/bench -->/g)) sections.set(m[1]!, m[2]!);
for (const f of modules) {
  const name = f.replace(/\.bench\.ts$/, '');
  console.log(`bench: ${name}…`);
  const mod = (await import(pathToFileURL(join(repo, 'bench', f)).href)) as { default: () => Promise<string> };
  const started = new Date().toISOString();
  const md = await mod.default();
  sections.set(name, `_Measured ${started}._\n\n${md.trim()}\n`);
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = `# Benchmarks

Written by \`npm run bench\`; every figure in a section comes from one run, with
the peers measured in the same run on the same data. Machine of the last run:
${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.
Figures are medians unless a table says otherwise; they are measurements, not
guarantees, and no test asserts them.
`;
const body = [...sections.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, md]) => `<!-- bench:${name} -->\n${md}<!-- /bench -->`)
  .join('\n\n');
writeFileSync(out, `${header}\n${body}\n`);
console.log(`wrote ${out}`);

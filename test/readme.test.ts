/**
 * The README's examples are real: each block marked `<!-- example: path -->`
 * is quoted from that file, and the files run as the README says. The
 * maintainer commands run too, against a copy of definitions/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registry } from '@bieumau/definitions';
import { writeWorkbook } from '@bieumau/excel';

const repo = new URL('..', import.meta.url).pathname;
const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'bieumau-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const examples = [...readme.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)```/g)].map((m) => ({ name: m[1]!, code: m[2]! }));
const node = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', '--conditions=bieumau-source', ...args], { cwd: repo, encoding: 'utf8' });
const sample = join(repo, 'definitions/annual-ict/2019/samples/province.json');

describe('README examples', () => {
  it('quotes the example files exactly', () => {
    const files = examples.filter((e) => e.name.includes('/'));
    expect(files.map((e) => e.name)).toEqual(['examples/plain-html/index.html', 'examples/node-validate/validate.mjs', 'examples/node-read-workbook/read.mjs']);
    for (const e of files) expect(readFileSync(join(repo, e.name), 'utf8'), e.name).toContain(e.code);
  });

  it('validates a report from Node, in Vietnamese and English', () => {
    const ok = node(['examples/node-validate/validate.mjs', sample]);
    expect(ok.status, ok.stderr).toBe(0);
    const report = JSON.parse(readFileSync(sample, 'utf8'));
    report.itStaff.total = 0;
    report.general.totalStaff = -5;
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify(report));
    const vi = node(['examples/node-validate/validate.mjs', bad]);
    expect(vi.status).toBe(1);
    expect(vi.stdout).toMatch(/^error \/general\/totalStaff: Mục [^:]+: /m);
    expect(vi.stdout).toMatch(/^error \/itStaff\/total: Mục /m);
    const en = node(['examples/node-validate/validate.mjs', bad, 'en']);
    expect(en.stdout).toMatch(/^error \/general\/totalStaff: Item /m);
  });

  it('reads and validates a filled workbook, locating problems by sheet and cell', async () => {
    const report = JSON.parse(readFileSync(sample, 'utf8'));
    const definition = await registry.get(report.definition);
    const good = join(work, 'good.xlsx');
    writeFileSync(good, await writeWorkbook(report, definition));
    const ok = node(['examples/node-read-workbook/read.mjs', good]);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    report.itStaff.total = 0;
    const badFile = join(work, 'bad.xlsx');
    writeFileSync(badFile, await writeWorkbook(report, definition));
    const bad = node(['examples/node-read-workbook/read.mjs', badFile]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^error '[^']+'![A-Z]+\d+ \/itStaff\/total: Mục /m);
  });

  it('runs the maintainer commands', () => {
    const block = examples.find((e) => e.name === 'maintainer')!.code;
    const defs = join(work, 'definitions');
    cpSync(join(repo, 'definitions'), defs, { recursive: true });
    const cli = (args: string[]) => node(['packages/cli/src/bin.ts', ...args]);
    for (const line of block.split('\n').filter((l) => l.startsWith('npm run bieumau -- '))) {
      const args = line.replace('npm run bieumau -- ', '').replace(/\s+#.*$/, '').split(/\s+/)
        .map((a) => a.replace(/^definitions\//, `${defs}/`))
        .map((a, i, all) => (all[i - 1] === '-o' ? join(work, a) : a));
      const r = cli([...args, '--definitions', defs]);
      expect(r.status, `${line}\n${r.stdout}\n${r.stderr}`).toBe(0);
    }
    expect(existsSync(join(defs, 'annual-ict/2023/province.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(work, 'province-2022.json'), 'utf8')).definition).toEqual({ form: 'annual-ict', version: '2022', variant: 'province' });
    expect(block).toContain('npm run generate && npm test');
    expect(JSON.parse(execFileSync('npm', ['pkg', 'get', 'scripts.bieumau'], { cwd: repo, encoding: 'utf8' }))).toMatch(/packages\/cli\/src\/bin\.ts/);
  });
});

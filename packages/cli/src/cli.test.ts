/**
 * The `bieumau` command, run as a child process on real files in temporary
 * folders: every command, the real 2017 → 2019 → 2022 migrations, the
 * scaffolding of a new version, aggregation, and hostile input.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNewDefinition } from '../../../test/support/new-definition.js';

const REPO = join(import.meta.dirname, '../../..');
const ROOT = join(REPO, 'definitions');
const BIN = join(REPO, 'packages/cli/src/bin.ts');
const TSX = join(REPO, 'node_modules/tsx/dist/esm/index.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'bieumau-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function bieumau(args: string[], options: { cwd?: string; definitions?: string | null; timeout?: number } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.BIEUMAU_DEFINITIONS;
  if (options.definitions !== null) env.BIEUMAU_DEFINITIONS = options.definitions ?? ROOT;
  const r = spawnSync(process.execPath, ['--import', TSX, '--conditions=bieumau-source', BIN, ...args], {
    cwd: options.cwd ?? tmp,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(options.timeout ? { timeout: options.timeout, killSignal: 'SIGKILL' as const } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

const sample = (form: string, version: string, variant: string) => join(ROOT, form, version, 'samples', `${variant}.json`);
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('usage', () => {
  it('prints help, refuses unknown commands and options with exit 2', () => {
    expect(bieumau(['--help']).code).toBe(0);
    const none = bieumau([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Cách dùng: bieumau');
    const bad = bieumau(['frobnicate', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown command "frobnicate"');
    const opt = bieumau(['validate', '--nope', 'x.json']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain('Tham số không hợp lệ');
  });
});

describe('validate', () => {
  const dir = join(tmp, 'validate');
  mkdirSync(join(dir, 'a-folder', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'a-folder', 'readme.txt'), 'junk');
  writeFileSync(join(dir, 'a-folder', 'deeper', 'junk.json'), '\u0000\u0001binary');
  const valid = sample('annual-ict', '2019', 'province');
  const report = readJson(valid);
  writeFileSync(join(dir, 'invalid.json'), JSON.stringify({ ...report, general: { ...report.general, totalStaff: -5 } }));
  writeFileSync(join(dir, 'broken.json'), '{"definition": {"form": "annual-ict",');
  writeFileSync(join(dir, 'array.json'), '[1, 2, 3]');
  writeFileSync(join(dir, 'empty.json'), '');
  writeFileSync(join(dir, 'unknown-form.json'), JSON.stringify({ definition: { form: 'khong-co', version: '2019', variant: 'province' } }));
  writeFileSync(join(dir, 'unknown-version.json'), JSON.stringify({ ...report, definition: { form: 'annual-ict', version: '1999', variant: 'province' } }));
  writeFileSync(
    join(dir, 'pollution.json'),
    '{"definition":{"form":"annual-ict","version":"2019","variant":"province"},"general":{"agencyName":"X","__proto__":{"polluted":true}},"constructor":{"prototype":{"polluted":true}},"notApplicable":{"__proto__":"x"}}',
  );

  it('accepts a valid report (exit 0)', () => {
    const r = bieumau(['validate', valid]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ .*province\.json {2}annual-ict@2019\/province — hợp lệ/);
    // Against another definition on request: the 2019 report is not a 2022 one.
    const other = bieumau(['validate', valid, '--definition', 'annual-ict@2022/province', '--format', 'json']);
    expect(other.code).toBe(1);
    expect(other.json().files[0].errors.map((e: { instancePath: string }) => e.instancePath)).toContain('/definition/version');
  });

  it('reports an invalid report with located errors (exit 1), in vi and en', () => {
    const vi = bieumau(['validate', 'invalid.json'], { cwd: dir });
    expect(vi.code).toBe(1);
    expect(vi.stdout).toContain('/general/totalStaff');
    expect(vi.stdout).toContain('lỗi');
    const en = bieumau(['validate', 'invalid.json', '--lang', 'en', '--format', 'json'], { cwd: dir });
    expect(en.code).toBe(1);
    const out = en.json();
    expect(out.summary).toEqual({ files: 1, valid: 0, invalid: 1, unreadable: 0 });
    expect(out.files[0].errors[0]).toMatchObject({ instancePath: '/general/totalStaff', keyword: 'minimum', severity: 'error' });
    expect(out.files[0].errors[0].message).toMatch(/must be at least 0/);
  });

  it('lists every hostile file with its reason, exit 2 when any could not be read', () => {
    const files = ['broken.json', 'array.json', 'empty.json', 'missing.json', 'a-folder', 'unknown-form.json', 'unknown-version.json', 'pollution.json'];
    // Folders are read recursively; what is not a report file is listed as ignored.
    const r = bieumau(['validate', ...files, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    const byFile = Object.fromEntries(r.json().files.map((f: { file: string }) => [f.file, f]));
    expect(byFile['broken.json']).toMatchObject({ status: 'unreadable', errors: [{ keyword: 'bmBadJson' }] });
    expect(byFile['array.json']).toMatchObject({ status: 'unreadable', errors: [{ keyword: 'bmNotAReport', params: { found: 'array' } }] });
    expect(byFile['empty.json'].status).toBe('unreadable');
    expect(byFile['missing.json']).toMatchObject({ status: 'unreadable', errors: [{ keyword: 'bmNotFound' }] });
    expect(byFile['a-folder/deeper/junk.json']).toMatchObject({ status: 'unreadable', errors: [{ keyword: 'bmBadJson' }] });
    expect(r.json().ignored).toEqual(['a-folder/readme.txt']);
    expect(r.stderr).toContain('Bỏ qua a-folder/readme.txt');
    expect(byFile['unknown-form.json']).toMatchObject({ status: 'unreadable', errors: [{ keyword: 'bmUnknownDefinition' }] });
    expect(byFile['unknown-version.json'].errors[0].message).toContain('2019');
    // Prototype keys are reported as unknown properties, never followed.
    expect(byFile['pollution.json'].status).toBe('invalid');
    expect(byFile['pollution.json'].errors.map((e: { instancePath: string }) => e.instancePath)).toEqual(expect.arrayContaining(['/general/__proto__', '/constructor']));
  });
});

describe('template, export, import', () => {
  const dir = join(tmp, 'excel');
  mkdirSync(dir, { recursive: true });

  it('writes a template for any form, version and variant, and names what exists when asked for what does not', () => {
    const r = bieumau(['template', 'annual-ict@2022/province', '-o', 'blank.xlsx'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'blank.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const many = bieumau(['template', 'annual-ict@2022'], { cwd: dir });
    expect(many.code).toBe(2);
    expect(many.stderr).toContain('agency, ministry, province');
    const unknown = bieumau(['template', 'annual-ict@2030/province', '--lang', 'en'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/has no version 2030\. Known: 2017, 2019, 2022/);
  });

  it('round-trips a report through a workbook and validates the workbook', () => {
    const src = sample('annual-ict', '2022', 'ministry');
    const exp = bieumau(['export', src, '-o', 'ministry.xlsx'], { cwd: dir });
    expect(exp.code, exp.stderr).toBe(0);
    const imp = bieumau(['import', 'ministry.xlsx', '-o', 'ministry.json'], { cwd: dir });
    expect(imp.code, imp.stderr).toBe(0);
    expect(readJson(join(dir, 'ministry.json'))).toEqual(readJson(src));
    const val = bieumau(['validate', 'ministry.xlsx'], { cwd: dir });
    expect(val.code, val.stdout).toBe(0);
  });

  it('refuses a file that is not a workbook', () => {
    writeFileSync(join(dir, 'fake.xlsx'), 'not a zip');
    const r = bieumau(['import', 'fake.xlsx', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.json().errors[0].keyword).toMatch(/^excel\./);
  });
});

describe('diff', () => {
  it('prints the 2019 → 2022 release note (the committed snapshot)', () => {
    const r = bieumau(['diff', 'annual-ict@2019', 'annual-ict@2022']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(import.meta.dirname, '__snapshots__/annual-ict-2019-2022.md'), 'utf8'));
    const json = bieumau(['diff', 'annual-ict@2019', 'annual-ict@2022', '--format', 'json', '--variant', 'province']).json();
    expect(json.variants).toEqual(['province']);
    expect(json.breaking).toBeGreaterThan(0);
  });
  it('says which versions exist when one does not', () => {
    const r = bieumau(['diff', 'annual-ict@2019', 'annual-ict@2031']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2017, 2019, 2022');
  });
});

describe('migrate', () => {
  const dir = join(tmp, 'migrate');
  mkdirSync(dir, { recursive: true });

  for (const variant of ['ministry', 'agency', 'province']) {
    it(`carries the 2017 ${variant} sample to 2019: valid, with every dropped answer kept in .unmapped.json`, () => {
      const out = join(dir, `${variant}-2019.json`);
      const r = bieumau(['migrate', sample('annual-ict', '2017', variant), '--to', '2019', '-o', out, '--format', 'json']);
      expect(r.code).toBe(1); // answers the 2019 form has no place for
      const res = r.json();
      expect(res.path).toEqual(['2017', '2019']);
      // Valid against 2019: the 2019 form requires nothing the 2017 one did not
      // (only `general.agencyName` and each table row's name, in both years).
      expect(res.validation.errors).toEqual([]);
      expect(res.unmapped.length).toBeGreaterThan(0);
      expect(res.unmapped.every((u: { code: string }) => u.code === 'dropped')).toBe(true);
      expect(r.stderr).toContain(`${res.unmapped.length} giá trị không chuyển được`);
      const unmapped = readJson(join(dir, `${variant}-2019.unmapped.json`));
      expect(unmapped.unmapped).toEqual(res.unmapped);
      const migrated = readJson(out);
      expect(migrated.definition).toEqual({ form: 'annual-ict', version: '2019', variant });
      const source = readJson(sample('annual-ict', '2017', variant));
      expect(migrated.general).toEqual(source.general);
      // Each 2017 obstacle is now the 2019 reason.
      source.planResults?.forEach((row: { obstacles?: string }, i: number) => expect(migrated.planResults[i].reason).toBe(row.obstacles));
    });
  }

  it('carries the 2019 samples to 2022 with nothing unmapped: the 2022 samples are exactly that', () => {
    for (const variant of ['ministry', 'agency', 'province']) {
      const out = join(dir, `${variant}-2022.json`);
      const r = bieumau(['migrate', sample('annual-ict', '2019', variant), '--to', '2022', '-o', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(existsSync(join(dir, `${variant}-2022.unmapped.json`))).toBe(false);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(sample('annual-ict', '2022', variant), 'utf8'));
    }
    const p = readJson(join(dir, 'province-2022.json'));
    const levels = new Set(p.dvc.services.map((s: { currentLevel?: string }) => s.currentLevel));
    expect([...levels].every((l) => l === undefined || l === 'partial' || l === 'full')).toBe(true);
  });

  it('chains 2017 → 2019 → 2022 and lists the unmapped values on stderr', () => {
    const r = bieumau(['migrate', sample('annual-ict', '2017', 'province'), '--to', '2022', '-o', join(dir, 'p17-22.json'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(2017 → 2019 → 2022)');
    expect(r.stderr).toMatch(/values could not be carried \(kept in .*p17-22\.unmapped\.json\)/);
    expect(r.stderr).toContain('/assessment/problems');
    expect(r.stderr).toContain('The migrated report is valid for version 2022.');
  });

  it('refuses backward, unknown and broken migrations with exit 2', () => {
    const back = bieumau(['migrate', sample('annual-ict', '2022', 'province'), '--to', '2019', '--format', 'json']);
    expect(back.code).toBe(2);
    expect(back.json().errors[0].keyword).toBe('bmMigrationDirection');
    const none = bieumau(['migrate', sample('annual-ict', '2019', 'province'), '--to', '2030', '--format', 'json']);
    expect(none.code).toBe(2);
    expect(none.json().errors[0].keyword).toBe('bmNoMigration');
    // A definitions folder with a broken migration.
    const root = join(tmp, 'broken-migration');
    cpSync(join(ROOT, 'annual-ict', '2019'), join(root, 'annual-ict', '2019'), { recursive: true });
    cpSync(join(ROOT, 'annual-ict', '2022'), join(root, 'annual-ict', '2022'), { recursive: true });
    writeFileSync(join(root, 'annual-ict', '2022', 'migration.json'), JSON.stringify({ form: 'annual-ict', from: '2019', to: '2022', operations: [{ op: 'rename', from: '/dvc/nope', to: '/dvc/partialCount' }] }));
    const broken = bieumau(['migrate', sample('annual-ict', '2019', 'province'), '--to', '2022', '--format', 'json'], { definitions: root });
    expect(broken.code).toBe(2);
    expect(broken.json().errors[0]).toMatchObject({ instancePath: '/operations/0/from', keyword: 'bmUnknownField' });
    writeFileSync(join(root, 'annual-ict', '2022', 'migration.json'), '{');
    expect(bieumau(['migrate', sample('annual-ict', '2019', 'province'), '--to', '2022'], { definitions: root }).code).toBe(2);
  });
});

describe('new-version', () => {
  it('scaffolds the next version so that only what changed needs editing', () => {
    const root = join(tmp, 'scaffold', 'definitions');
    cpSync(join(ROOT, 'annual-ict', '2019'), join(root, 'annual-ict', '2019'), { recursive: true });
    const r = bieumau(['new-version', 'annual-ict', '2023', '--format', 'json'], { definitions: root });
    expect(r.code, r.stderr).toBe(0);
    const res = r.json();
    expect(res.from).toBe('2019');
    const dir = join(root, 'annual-ict', '2023');
    const province = readJson(join(dir, 'province.json'));
    expect(province.$id).toBe('https://bieumau.github.io/schemas/annual-ict/2023/province.json');
    expect(province.bmForm).toMatchObject({ version: '2023', previous: '2019', window: { from: '2023-01-01', to: '2023-10-31' }, deadline: '2023-12-05' });
    expect(province.$defs.definitionRef.properties.version.const).toBe('2023');
    expect(province.title).toContain('năm 2023');
    expect(readJson(join(dir, 'migration.json'))).toMatchObject({ form: 'annual-ict', from: '2019', to: '2023', operations: [] });
    expect(readJson(join(dir, 'samples', 'province.json')).definition.version).toBe('2023');
    const en = readJson(join(dir, 'i18n', 'en.json'));
    expect(Object.keys(en.texts)).toEqual(Object.keys(readJson(join(ROOT, 'annual-ict', '2019', 'i18n', 'en.json')).texts));
    const changeset = readFileSync(join(root, '..', '.changeset', 'annual-ict-2023.md'), 'utf8');
    expect(changeset).toContain('"@bieumau/definitions": minor');
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'agency.json', 'fixtures', 'i18n', 'migration.json', 'ministry.json', 'province.json', 'samples', 'shared.json']);
    // The scaffold is a working version: its samples validate, and the 2019 samples migrate into it with nothing lost.
    const v = bieumau(['validate', join(dir, 'samples', 'province.json'), join(dir, 'samples', 'ministry.json')], { definitions: root });
    expect(v.code, v.stdout).toBe(0);
    const m = bieumau(['migrate', sample('annual-ict', '2019', 'agency'), '--to', '2023', '-o', join(tmp, 'scaffold', 'a.json')], { definitions: root });
    expect(m.code, m.stderr).toBe(0);
    // Nothing but labels, the reporting year and form information differ from 2019.
    const diff = bieumau(['diff', 'annual-ict@2019', 'annual-ict@2023', '--format', 'json'], { definitions: root }).json();
    expect(new Set(diff.changes.map((c: { kind: string }) => c.kind))).toEqual(new Set(['relabelled', 'ruleChanged', 'formInfoChanged']));
  });

  it('never overwrites a version and says what exists', () => {
    const root = join(tmp, 'scaffold', 'definitions');
    const again = bieumau(['new-version', 'annual-ict', '2023'], { definitions: root });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('phiên bản đã phát hành không được sửa');
    expect(bieumau(['new-version', 'khong-co', '2023'], { definitions: root }).code).toBe(2);
    expect(bieumau(['new-version', 'annual-ict', '2018'], { definitions: root }).code).toBe(2);
    expect(bieumau(['new-version', 'annual-ict', 'abc'], { definitions: root }).code).toBe(2);
  });
});

describe('publish', () => {
  it('records hashes and detects any change to a published version', () => {
    const root = join(tmp, 'publish');
    cpSync(join(ROOT, 'annual-ict', '2022'), join(root, 'annual-ict', '2022'), { recursive: true });
    expect(bieumau(['publish', 'annual-ict@2022'], { definitions: root }).code).toBe(0);
    expect(Object.keys(readJson(join(root, 'published.json')).versions)).toEqual(['annual-ict@2022']);
    expect(bieumau(['publish', '--check'], { definitions: root }).code).toBe(0);
    writeFileSync(join(root, 'annual-ict', '2022', 'README.md'), 'edited');
    writeFileSync(join(root, 'annual-ict', '2022', 'extra.json'), '{}');
    const check = bieumau(['publish', '--check', '--format', 'json'], { definitions: root });
    expect(check.code).toBe(1);
    expect(check.json().drift).toEqual([{ version: 'annual-ict@2022', changed: ['README.md'], added: ['extra.json'], removed: [], missingFolder: false }]);
  });
});

describe('aggregate', () => {
  it('consolidates JSON and workbooks into one sheet and a CSV, listing every file it could not use', async () => {
    const dir = join(tmp, 'aggregate', 'in');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    const base = readJson(sample('annual-ict', '2022', 'province'));
    for (const [i, name] of ['Cao Bằng', 'Lào Cai', 'Hà Giang'].entries()) {
      writeFileSync(join(dir, `p${i}.json`), JSON.stringify({ ...base, general: { ...base.general, agencyName: `Ủy ban nhân dân tỉnh ${name}` } }));
    }
    writeFileSync(join(dir, 'sub', 'invalid.json'), JSON.stringify({ ...base, general: { ...base.general, agencyName: '=HYPERLINK("http://evil")', totalStaff: -1 } }));
    writeFileSync(join(dir, 'broken.json'), '{');
    writeFileSync(join(dir, 'notes.txt'), 'junk');
    writeFileSync(join(dir, 'junk.xlsx'), Buffer.from([0x50, 0x4b, 3, 4, 0xff, 0xfe, 0, 1, 2, 3]));
    writeFileSync(join(dir, 'other-form.json'), readFileSync(sample('most-unit-annual', '2018', 'unit')));
    expect(bieumau(['export', join(dir, 'p0.json'), '-o', join(dir, 'sub', 'from-excel.xlsx')]).code).toBe(0);

    const out = join(tmp, 'aggregate', 'tong-hop.xlsx');
    const r = bieumau(['aggregate', dir, '-o', out, '--definition', 'annual-ict@2022/province', '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    const s = r.json();
    expect(s.files).toBe(8);
    expect(s.reports.map((x: { file: string }) => x.file.split('/').pop()).sort()).toEqual(['from-excel.xlsx', 'invalid.json', 'p0.json', 'p1.json', 'p2.json']);
    expect(s.failed.map((f: { file: string; errors: { keyword: string }[] }) => [f.file.split('/').pop(), f.errors[0]!.keyword]).sort()).toEqual([
      ['broken.json', 'bmBadJson'],
      ['junk.xlsx', s.failed.find((f: { file: string }) => f.file.endsWith('junk.xlsx')).errors[0].keyword],
      ['other-form.json', 'bmOtherDefinition'],
    ]);
    expect(s.ignored.map((f: string) => f.split('/').pop())).toEqual(['notes.txt']);
    expect(s.reports.find((x: { file: string }) => x.file.endsWith('invalid.json')).errorCount).toBeGreaterThan(0);
    expect(r.stderr).not.toContain('['); // no progress bar when stderr is not a terminal

    const csv = readFileSync(join(tmp, 'aggregate', 'tong-hop.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true); // so Excel opens Vietnamese text as UTF-8
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]!.startsWith('Tệp,Đơn vị báo cáo,Tình trạng,Số lỗi,')).toBe(true);
    expect(lines).toHaveLength(1 + 5 + 2);
    expect(lines.at(-2)!.startsWith('Tổng cộng,')).toBe(true);
    // Text that a spreadsheet would run as a formula is neutralised.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);

    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['annual-ict 2022 province', 'Lỗi', 'Không đọc được']);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(2 + 5 + 2);
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = header.findIndex((h) => h.includes('Tổng số cán bộ')) + 1;
    expect(col).toBeGreaterThan(4);
    const staff = base.general.totalStaff as number;
    // Four reports share the sample's staff figure, the invalid one has -1.
    expect(sheet.getRow(2 + 5 + 1).getCell(col).value).toBe(staff * 4 - 1);
    const failedSheet = wb.getWorksheet('Không đọc được')!;
    expect(failedSheet.rowCount).toBe(1 + 3 + 1);
    expect(s.failed.find((f: { file: string }) => f.file.endsWith('junk.xlsx')).errors[0].keyword).toMatch(/^excel\./);
  });

  it('draws a progress bar only when stderr is a terminal', () => {
    const dir = join(tmp, 'aggregate', 'tty');
    mkdirSync(dir, { recursive: true });
    cpSync(sample('annual-ict', '2022', 'agency'), join(dir, 'a.json'));
    const cmd = [process.execPath, '--import', TSX, '--conditions=bieumau-source', BIN, 'aggregate', dir, '-o', join(dir, 'out.xlsx')].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: tmp, env: { ...process.env, BIEUMAU_DEFINITIONS: ROOT }, encoding: 'utf8' });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain('[##############################] 1/1');
  });
});

describe('a definition added as data only', () => {
  it('is validated, templated, diffed and aggregated with no code change', () => {
    const root = join(tmp, 'new-definition');
    const { sample: report, ref } = writeNewDefinition(root);
    writeFileSync(join(tmp, 'new-definition-report.json'), JSON.stringify(report));
    const v = bieumau(['validate', 'new-definition-report.json'], { definitions: root });
    expect(v.code, v.stdout).toBe(0);
    expect(bieumau(['template', `${ref.form}@${ref.version}/${ref.variant}`, '-o', 'new.xlsx'], { definitions: root }).code).toBe(0);
    const d = bieumau(['diff', `${ref.form}@${ref.version}`, `${ref.form}@${ref.version}`, '--format', 'json'], { definitions: root });
    expect(d.json().changes).toEqual([]);
    const a = bieumau(['aggregate', 'new-definition-report.json', '-o', 'new-agg.xlsx', '--format', 'json'], { definitions: root });
    expect(a.code, a.stderr).toBe(0);
    expect(readFileSync(join(tmp, 'new-agg.csv'), 'utf8')).toContain('Phòng Văn hóa và Thông tin huyện Hòa An');
  });
});

describe('output paths that cannot be written', () => {
  // Node's recursive mkdirSync never returns for a path under /proc: the commands create directories level by level.
  it('fail with exit 2 and a message naming the path, instead of hanging', () => {
    const cases = [
      ['template', 'annual-ict@2019/province', '-o', '/proc/bieumau-test/template.xlsx'],
      ['precompile', 'quarterly-egov@2019/province', '-o', '/proc/bieumau-test/validators'],
      ['aggregate', sample('annual-ict', '2019', 'province'), '-o', '/proc/bieumau-test/tong-hop.xlsx'],
    ];
    for (const args of cases) {
      const r = bieumau([...args, '--lang', 'en'], { timeout: 60_000 });
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr, args[0]).toContain('/proc/bieumau-test');
    }
  });
});

describe('precompile', () => {
  const root = join(tmp, 'precompile-definitions');
  const { sample: report, ref } = writeNewDefinition(root);
  const runtime = join(REPO, 'packages/validator/src/runtime.ts');

  it('writes a validator module per variant that validates like `bieumau validate`', async () => {
    const r = bieumau(['precompile', ref.form, '-o', 'validators', '--runtime', runtime, '--format', 'json'], { definitions: root });
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({ ok: true, runtime, refused: [] });
    expect(out.written.map((w: { ref: string }) => w.ref)).toEqual([`${ref.form}@${ref.version}/${ref.variant}`]);
    const file = join(tmp, 'validators', `${ref.form}-${ref.version}-${ref.variant}.js`);
    expect(readFileSync(file, 'utf8')).not.toMatch(/new Function|\beval\(/);
    expect(readFileSync(file.replace(/\.js$/, '.d.ts'), 'utf8')).toContain('declare const validator: Validator');
    const validator = ((await import(file)) as { default: { validate(r: unknown): { ok: boolean; errors: { instancePath: string; message: string }[] } } }).default;
    expect(validator.validate(report).ok).toBe(true);
    const bad = { ...report, thongTin: { ...report.thongTin, soMayTinh: -1 } };
    writeFileSync(join(tmp, 'precompile-bad.json'), JSON.stringify(bad));
    const cli = bieumau(['validate', 'precompile-bad.json', '--format', 'json'], { definitions: root }).json();
    const mine = validator.validate(bad).errors.map((e) => [e.instancePath, e.message]);
    expect(mine).toEqual(cli.files[0].errors.map((e: { instancePath: string; message: string }) => [e.instancePath, e.message]));
    expect(mine[0]![1]).toContain('Mục A.2 – Số máy tính');
  });

  it('refuses a definition validateDefinition finds errors in, and names what exists for an unknown form', () => {
    const broken = join(tmp, 'precompile-broken');
    cpSync(root, broken, { recursive: true });
    const file = join(broken, ref.form, ref.version, 'unit.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"<="', '"sqrt"'));
    const r = bieumau(['precompile', '-o', 'broken-validators', '--format', 'json'], { definitions: broken });
    expect(r.code).toBe(1);
    const refused = r.json().refused as { ref: string; errors: { message: string }[] }[];
    expect(refused.map((x) => x.ref)).toContain(`${ref.form}@${ref.version}/${ref.variant}`);
    expect(existsSync(join(tmp, 'broken-validators', `${ref.form}-${ref.version}-${ref.variant}.js`))).toBe(false);
    const unknown = bieumau(['precompile', 'khong-co', '--lang', 'en'], { definitions: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`There is no form "khong-co". Known: `);
    expect(unknown.stderr).toContain(ref.form);
  });
});

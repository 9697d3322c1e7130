/**
 * `bieumau aggregate` on 1,000 agencies' workbooks: wall time and peak memory
 * of the command in its own process (the issue asks that it handle 1,000
 * workbooks on this machine). The workbooks are 20 distinct filled copies of
 * the 2022 province form (one per fictional agency, ~300 service rows each),
 * each copied 50 times, so the command does the full read of 1,000 files.
 *
 * This file is also the child: with BIEUMAU_AGGREGATE_BENCH set it runs the
 * command in process and prints its time and peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(import.meta.url);
const REPO = resolve(dirname(HERE), '..');
const FILES = 1000;
const DISTINCT = 20;

async function child(dir: string, out: string): Promise<void> {
  const { run } = await import('../packages/cli/src/cli.js');
  let stdout = '';
  const started = performance.now();
  const code = await run(['aggregate', dir, '-o', out, '--format', 'json'], {
    cwd: REPO,
    stdout: (s) => void (stdout += s),
    stderr: () => undefined,
    stderrIsTTY: false,
  });
  const ms = performance.now() - started;
  const summary = JSON.parse(stdout) as { reports?: unknown[]; failed?: unknown[] };
  console.log(JSON.stringify({ code, ms, peakMB: process.resourceUsage().maxRSS / 1024, summary: { 'reports aggregated': summary.reports?.length ?? 0, 'files failed': summary.failed?.length ?? 0 } }));
}

export default async function aggregateBench(): Promise<string> {
  const { registry } = await import('../packages/definitions/src/index.js');
  const { writeWorkbook } = await import('../packages/excel/src/index.js');
  const sample = JSON.parse(readFileSync(join(REPO, 'definitions/annual-ict/2022/samples/province.json'), 'utf8'));
  const definition = await registry.get(sample.definition);
  const dir = mkdtempSync(join(tmpdir(), 'bieumau-aggregate-'));
  try {
    const input = join(dir, 'in');
    mkdirSync(input);
    for (let i = 0; i < DISTINCT; i++) {
      const report = structuredClone(sample);
      report.general.agencyName = `Ủy ban nhân dân tỉnh thử nghiệm số ${i + 1}`;
      const file = join(input, `tinh-${String(i + 1).padStart(2, '0')}-00.xlsx`);
      writeFileSync(file, await writeWorkbook(report, definition));
      for (let k = 1; k < FILES / DISTINCT; k++) copyFileSync(file, join(input, `tinh-${String(i + 1).padStart(2, '0')}-${String(k).padStart(2, '0')}.xlsx`));
    }
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=bieumau-source', HERE], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, BIEUMAU_AGGREGATE_BENCH: JSON.stringify({ dir: input, out: join(dir, 'tong-hop.xlsx') }) },
      maxBuffer: 64 * 2 ** 20,
    });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) throw new Error(`aggregate child failed: ${r.stderr}`);
    const o = JSON.parse(line) as { code: number; ms: number; peakMB: number; summary?: Record<string, number> };
    return [
      '## `bieumau aggregate`: 1,000 workbooks',
      '',
      `${FILES} filled workbooks of annual-ict@2022/province (${DISTINCT} distinct agencies, each file ~300 service rows), aggregated by one \`bieumau aggregate\` run in its own process (sources through tsx) into a consolidated workbook and CSV.`,
      '',
      '| files | exit code | wall time | per file | peak RSS (whole process) | summary |',
      '|---:|---:|---:|---:|---:|---|',
      `| ${FILES} | ${o.code} | ${(o.ms / 1000).toFixed(1)} s | ${(o.ms / FILES).toFixed(0)} ms | ${o.peakMB.toFixed(0)} MB | ${o.summary ? Object.entries(o.summary).map(([k, v]) => `${k} ${v}`).join(', ') : ''} |`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const spec = process.env.BIEUMAU_AGGREGATE_BENCH;
if (spec) {
  const { dir, out } = JSON.parse(spec) as { dir: string; out: string };
  await child(dir, out);
}

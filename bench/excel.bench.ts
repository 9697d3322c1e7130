/**
 * `npm run bench -- excel`: template generation, then writing and reading a
 * report whose table has 100, 2,000 and 20,000 rows — ours next to raw
 * exceljs (whole and streaming) and SheetJS `xlsx` doing the same work on the
 * same data in the same run. Every write/read case runs in its own child
 * process so its peak RSS (`process.resourceUsage().maxRSS`) is its own; a
 * baseline child that only loads the libraries is reported too.
 *
 * This file is also the child: run with BIEUMAU_EXCEL_BENCH_CASE set, it
 * performs one case and prints one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';

const HERE = fileURLToPath(import.meta.url);
const REPO = resolve(dirname(HERE), '..');
const SIZES = [100, 2000, 20000] as const;
type Tool = 'bieumau' | 'exceljs' | 'exceljs-stream' | 'sheetjs';
const TOOLS: Tool[] = ['bieumau', 'exceljs', 'exceljs-stream', 'sheetjs'];
interface Case {
  tool: Tool | 'baseline';
  op: 'write' | 'read' | 'none';
  rows: number;
  file: string;
}
interface Outcome {
  ms: number;
  /** Peak RSS of the child after one run of the operation. */
  rssMB: number;
  /** The child's RSS just before that run (libraries loaded, input ready). */
  idleMB: number;
}

async function demo() {
  const mod = await import('../packages/excel/src/testing/definitions.js');
  return mod.demo();
}

/** The report measured: the demo definition's service table with `rows` rows. */
async function reportOf(rows: number) {
  const d = await demo();
  const list = Array.from({ length: rows }, (_, i) => ({
    name: `Dịch vụ công số ${i + 1}: cấp, gia hạn giấy phép hoạt động`,
    level: i % 2 ? 3 : 4,
    url: `https://dichvucong.example.gov.vn/dv/${i + 1}`,
    online: i % 997,
    total: (i % 997) * 2 + 1,
    ownFunding: i % 3 === 0,
    launched: `20${10 + (i % 15)}-${String((i % 12) + 1).padStart(2, '0')}`,
  }));
  return { definition: d.definition, report: { ...d.samples[0]!.report, services: { level3Count: Math.ceil(rows / 2), list } } };
}

/** The same rows as plain cell values, for the raw libraries. */
function plainRows(list: Record<string, unknown>[]): unknown[][] {
  return list.map((r, i) => [i + 1, r.name, r.level === 3 ? 'Mức độ 3' : 'Mức độ 4', r.url, r.online, r.total, r.ownFunding ? 'Có' : '', '', r.launched]);
}

async function runCase(c: Case): Promise<void> {
  // Each child loads only the library its tool uses, so a whole-process
  // peak is what a program doing just that work would see.
  const usesExcelJS = c.tool === 'exceljs' || c.tool === 'exceljs-stream';
  const ExcelJS = usesExcelJS ? ((await import('exceljs')) as unknown as { default: typeof import('exceljs') }).default : (undefined as never);
  const XLSX = c.tool === 'sheetjs' ? ((await import('xlsx')) as unknown as { default: typeof import('xlsx') }).default : (undefined as never);
  const excel = c.tool === 'bieumau' ? await import('../packages/excel/src/index.js') : (undefined as never);
  let fn: () => Promise<unknown> | unknown = () => undefined;
  if (c.op === 'write') {
    const { definition, report } = await reportOf(c.rows);
    const rows = plainRows(report.services.list);
    if (c.tool === 'bieumau') fn = () => excel.writeWorkbook(report, definition);
    if (c.tool === 'exceljs')
      fn = async () => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('DVC');
        for (const r of rows) ws.addRow(r);
        return wb.xlsx.writeBuffer();
      };
    if (c.tool === 'exceljs-stream')
      fn = async () => {
        const out = new PassThrough();
        const chunks: Buffer[] = [];
        out.on('data', (b: Buffer) => chunks.push(b));
        const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out });
        const ws = wb.addWorksheet('DVC');
        for (const r of rows) ws.addRow(r).commit();
        ws.commit();
        await wb.commit();
        return Buffer.concat(chunks);
      };
    if (c.tool === 'sheetjs')
      fn = () => {
        const wb = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'DVC');
        return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true });
      };
  } else if (c.op === 'read') {
    const bytes = readFileSync(c.file);
    const { definition } = await reportOf(1);
    if (c.tool === 'bieumau')
      fn = async () => {
        const r = await excel.readWorkbook(bytes, { definition });
        if (!r.report) throw new Error('read failed');
      };
    if (c.tool === 'exceljs')
      fn = async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        let n = 0;
        for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => void (cell.value !== undefined && n++)));
        return n;
      };
    if (c.tool === 'exceljs-stream')
      fn = async () => {
        const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
        let n = 0;
        for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<{ eachCell(f: () => void): void }>>) for await (const row of ws) row.eachCell(() => n++);
        return n;
      };
    if (c.tool === 'sheetjs')
      fn = () => {
        const wb = XLSX.read(bytes, { type: 'buffer', cellDates: true });
        return wb.SheetNames.map((n) => XLSX.utils.sheet_to_json(wb.Sheets[n]!, { header: 1 }).length);
      };
  }
  // Memory: one run of the operation, its peak RSS against this child's
  // own idle RSS measured just before it (libraries loaded, input ready,
  // garbage collected). Measured on the first run, before the timing runs,
  // whose garbage would otherwise inflate the peak.
  (globalThis as { gc?: () => void }).gc?.();
  const idleMB = process.memoryUsage().rss / 2 ** 20;
  await fn();
  const rssMB = process.resourceUsage().maxRSS / 1024;
  // Warm-up runs let the JIT settle (the first read of a process is several times slower).
  const iterations = c.rows >= 20000 ? 3 : c.rows >= 2000 ? 10 : 20;
  const bench = new Bench({ iterations, time: 0, warmupIterations: c.rows >= 20000 ? 1 : 3, warmupTime: 0 } as ConstructorParameters<typeof Bench>[0]);
  bench.add(c.tool, fn);
  await bench.run();
  const result = bench.tasks[0]!.result as { state: string; latency?: { p50: number }; error?: unknown };
  if (result.state !== 'completed') throw new Error(`${c.tool} ${c.op} ${c.rows}: ${String(result.error)}`);
  const out: Outcome = { ms: result.latency!.p50, rssMB, idleMB };
  console.log(JSON.stringify(out));
}

function child(c: Case): Outcome {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--conditions=bieumau-source', HERE], {
    cwd: REPO,
    env: { ...process.env, BIEUMAU_EXCEL_BENCH_CASE: JSON.stringify(c) },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (r.status !== 0 || !line) throw new Error(`bench child ${JSON.stringify(c)} failed: ${r.stderr}`);
  return JSON.parse(line) as Outcome;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Runs every case; returns the Markdown section of BENCHMARKS.md. */
/**
 * Whole-process peak RSS of a plain Node program using the built packages —
 * what an npm user's script sees, without tsx compiling sources on the fly.
 * Builds core, definitions, validator and excel first.
 */
function publishedMemory(dir: string): { write: number; read: number } {
  for (const p of ['core', 'definitions', 'validator', 'excel']) {
    const r = spawnSync('npm', ['run', 'build', '-w', `@bieumau/${p}`], { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build of @bieumau/${p} failed: ${r.stderr}`);
  }
  const file = join(dir, 'published-20000.xlsx');
  const run = (mode: 'write' | 'read') => {
    const r = spawnSync(process.execPath, ['--expose-gc', join(REPO, 'bench/support/excel-published-memory.mjs'), mode, file], { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`published ${mode} failed: ${r.stderr}`);
    return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { peakMB: number }).peakMB;
  };
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const write = median([run('write'), run('write'), run('write')]);
  const read = median([run('read'), run('read'), run('read')]);
  return { write, read };
}

export default async function excelBench(): Promise<string> {
  const excel = await import('../packages/excel/src/index.js');
  const { allVariants } = await import('../packages/excel/src/testing/definitions.js');
  const dir = mkdtempSync(join(tmpdir(), 'bieumau-bench-'));
  const lines: string[] = [];
  try {
    // Template generation, in process: every definition found.
    const templates = new Bench({ iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 } as ConstructorParameters<typeof Bench>[0]);
    for (const v of allVariants()) templates.add(v.name, () => excel.createTemplate(v.definition));
    await templates.run();
    lines.push('### Template generation (`createTemplate`, in process)', '', '| definition | median ms |', '|---|---:|');
    for (const t of templates.tasks) {
      const res = t.result as { state: string; latency?: { p50: number } };
      lines.push(`| ${t.name} | ${res.state === 'completed' ? fmt(res.latency!.p50, 1) : res.state} |`);
    }

    const published = publishedMemory(dir);
    const base = child({ tool: 'baseline', op: 'none', rows: 0, file: '' });
    const results = new Map<string, Outcome>();
    for (const rows of SIZES) {
      const { definition, report } = await reportOf(rows);
      const file = join(dir, `report-${rows}.xlsx`);
      writeFileSync(file, await excel.writeWorkbook(report, definition));
      for (const tool of TOOLS) {
        for (const op of ['write', 'read'] as const) results.set(`${tool}|${op}|${rows}`, child({ tool, op, rows, file }));
      }
    }
    lines.push(
      '',
      `### Write and read a report with a table of N rows`,
      '',
      'The file read is the one `writeWorkbook` makes (a form sheet, the 8-column table sheet with validations, the metadata sheet); every tool reads that same file. Writes produce the same rows (raw libraries: values only, no template). Median of 3 (20,000 rows), 10 (2,000) or 20 (100) runs after 1–3 warm-up runs, each case in its own child process; a baseline child that only loads the demo definition (each case child then loads only its own library) peaks at ' +
        `${fmt(base.rssMB)} MB.`,
      '',
      'Memory is measured on one run of the operation, in the child, before its timing runs (their garbage would inflate the peak): **peak** is the child\'s peak RSS, which includes Node, tsx and the libraries; **Δ** is that peak minus the same child\'s RSS just before the run (libraries loaded, the input — report object or file bytes — ready, garbage collected), i.e. the memory the operation itself needs. The goals are about our code\'s memory, so Δ is the fair figure; both are shown.',
      '',
      '| tool | rows | write ms | write peak MB | write Δ MB | read ms | read peak MB | read Δ MB |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const rows of SIZES) {
      for (const tool of TOOLS) {
        const w = results.get(`${tool}|write|${rows}`)!;
        const r = results.get(`${tool}|read|${rows}`)!;
        lines.push(
          `| ${tool === 'bieumau' ? '**@bieumau/excel**' : tool} | ${fmt(rows)} | ${fmt(w.ms)} | ${fmt(w.rssMB)} | ${fmt(w.rssMB - w.idleMB)} | ${fmt(r.ms)} | ${fmt(r.rssMB)} | ${fmt(r.rssMB - r.idleMB)} |`,
        );
      }
    }
    const ours2k = results.get('bieumau|read|2000')!;
    const raw2k = results.get('exceljs|read|2000')!;
    const ours20k = results.get('bieumau|read|20000')!;
    const ours20kw = results.get('bieumau|write|20000')!;
    const ratio = ours2k.ms / raw2k.ms;
    const mem = (what: string, o: Outcome) => {
      const delta = o.rssMB - o.idleMB;
      const met = delta < 200 ? (o.rssMB < 200 ? 'yes' : 'yes (Δ); whole-process peak no') : 'no';
      return `| peak memory ${what} 20,000 rows under 200 MB | Δ ${fmt(delta)} MB over the child's idle ${fmt(o.idleMB)} MB; whole-process peak ${fmt(o.rssMB)} MB | ${met} |`;
    };
    lines.push(
      '',
      '### Goals',
      '',
      '| goal | measured | met |',
      '|---|---|:-:|',
      `| read 2,000 rows within 1.3× of raw exceljs reading the same file | ${fmt(ours2k.ms)} ms vs ${fmt(raw2k.ms)} ms = ${fmt(ratio, 2)}× | ${ratio <= 1.3 ? 'yes' : 'no'} |`,
      mem('reading', ours20k),
      mem('writing', ours20kw),
      `| peak memory, plain Node program with the built packages (no tsx), 20,000 rows: write / read | ${published.write} MB / ${published.read} MB whole-process peak (median of 3 processes each) | ${published.write < 200 && published.read < 200 ? 'yes' : 'no'} |`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.join('\n');
}

const spec = process.env.BIEUMAU_EXCEL_BENCH_CASE;
if (spec) {
  const c = JSON.parse(spec) as Case;
  if (c.tool === 'baseline') {
    // What every child loads before its tool: Node, tsx and the demo definition.
    await demo();
    console.log(JSON.stringify({ ms: 0, rssMB: process.resourceUsage().maxRSS / 1024, idleMB: process.memoryUsage().rss / 2 ** 20 }));
  } else await runCase(c);
}

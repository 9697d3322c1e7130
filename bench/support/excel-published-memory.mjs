// A plain Node program using the built packages (dist/, as npm users get
// them; no tsx): writes or reads a 20,000-row report once and prints its
// peak RSS. Run by bench/excel.bench.ts, once per process and operation.
//   node --expose-gc bench/support/excel-published-memory.mjs write|read <file.xlsx>
import { readFileSync, writeFileSync } from 'node:fs';
const [mode, file] = process.argv.slice(2);
const { createDefinition } = await import('@bieumau/core');
const { readVersionFolder } = await import('@bieumau/definitions/node');
const excel = await import('@bieumau/excel');
const files = readVersionFolder('test/fixtures/definitions/demo-form/2025');
const definition = createDefinition(files);
const sample = JSON.parse(readFileSync('test/fixtures/definitions/demo-form/2025/samples/unit.json', 'utf8'));
globalThis.gc?.();
const idle = process.memoryUsage().rss / 2 ** 20;
if (mode === 'write') {
  const list = Array.from({ length: 20000 }, (_, i) => ({ name: `Dịch vụ công số ${i + 1}: cấp, gia hạn giấy phép hoạt động`, level: i % 2 ? 3 : 4, url: `https://dichvucong.example.gov.vn/dv/${i + 1}`, online: i % 997, total: (i % 997) * 2 + 1, ownFunding: i % 3 === 0, launched: `20${10 + (i % 15)}-${String((i % 12) + 1).padStart(2, '0')}` }));
  const bytes = await excel.writeWorkbook({ ...sample, services: { level3Count: 10000, list } }, definition);
  writeFileSync(file, bytes);
} else {
  const r = await excel.readWorkbook(readFileSync(file), { definition });
  if (!r.report || r.report.services.list.length !== 20000) throw new Error('read failed');
}
console.log(JSON.stringify({ mode, idleMB: Math.round(idle), peakMB: Math.round(process.resourceUsage().maxRSS / 1024) }));

/**
 * The report form demo: a province officer fills the 2019 annual IT
 * application report (Biểu mẫu 03) in Vietnamese — load the sample, see the
 * errors, import and export Excel, switch language, print. Everything here is
 * page code around <bm-report-form>; nothing in the packages knows this form.
 */
import '@bieumau/elements';
import type { BmReportForm } from '@bieumau/elements';
import { registry } from '@bieumau/definitions';
import { createValidator } from '@bieumau/validator';
import sample from '../definitions/annual-ict/2019/samples/province.json' with { type: 'json' };

const form = document.getElementById('report') as BmReportForm;
const status = document.getElementById('demo-status')!;
const json = document.getElementById('json')!;

// The validator of the definition. A production portal imports the
// precompiled module instead (CSP-safe, no ajv compiler in the bundle); the
// demo compiles at run time so it follows the definitions as they are edited.
const found = await registry.find({ form: 'annual-ict', version: '2019', variant: 'province' });
if (found.ok) form.validator = createValidator(found.definition);

const say = (vi: string, en: string) => (status.textContent = form.lang === 'en' ? en : vi);

document.getElementById('load-sample')!.addEventListener('click', () => {
  form.value = sample;
  say('Đã nạp dữ liệu mẫu (300 dịch vụ công).', 'Sample loaded (300 online services).');
});

document.getElementById('load-errors')!.addEventListener('click', async () => {
  const broken = structuredClone(sample) as Record<string, any>;
  broken.general.agencyName = '';
  broken.general.permanentStaff = (broken.general.totalStaff ?? 0) + 5;
  broken.itStaff.doctorate = 9999;
  if (broken.dvc?.services?.[2]) broken.dvc.services[2].onlineApplications = broken.dvc.services[2].totalApplications + 50;
  delete broken.evidence;
  form.value = broken;
  await form.validate();
  say('Đã nạp dữ liệu có lỗi; xem danh sách lỗi ở đầu biểu mẫu.', 'Data with errors loaded; see the list at the top of the form.');
});

for (const b of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
  b.addEventListener('click', () => {
    const lang = b.dataset.lang!;
    form.lang = lang;
    for (const x of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) x.setAttribute('aria-pressed', String(x === b));
  });
}

const showJson = () => (json.textContent = JSON.stringify(form.value, null, 2));
form.addEventListener('change', showJson);
form.addEventListener('bm-validate', showJson);
form.addEventListener('bm-submit', (e) => {
  say('Đã gửi báo cáo (demo: không gửi đi đâu cả).', 'Report sent (demo: it goes nowhere).');
  console.info('bm-submit', e.report);
});
document.getElementById('report-form')!.addEventListener('submit', (e) => e.preventDefault());

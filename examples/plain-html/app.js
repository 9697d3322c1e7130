// Plain JavaScript, no build step: listen to the form's events.
const form = document.querySelector('bm-report-form');
const log = document.getElementById('log');
form.addEventListener('bm-validate', (e) => {
  log.textContent = e.result.ok ? 'Không phát hiện lỗi.' : `Còn ${e.result.errors.length} lỗi.`;
});
form.addEventListener('bm-submit', (e) => {
  log.textContent = `Đã gửi báo cáo của ${e.report.general?.agencyName ?? '…'}.`;
});
// The <form> would POST the report JSON as the "report" field; this example stays on the page.
document.getElementById('send').addEventListener('submit', (e) => e.preventDefault());

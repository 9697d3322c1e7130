/**
 * The field dictionary: every published definition, and for each its
 * sections, codes, labels in vi and en, units, kinds and rules. Built from the
 * definition model at run time, so it is never out of date.
 */
import { buildModel, walkFields, type FieldNode, type FormModel } from '@bieumau/core';
import { registry } from '@bieumau/definitions';

const KIND_VI: Record<string, string> = {
  section: 'mục', table: 'bảng', integer: 'số nguyên', decimal: 'số thập phân', percent: 'tỷ lệ %', year: 'năm',
  month: 'tháng/năm', text: 'văn bản', longText: 'văn bản dài', boolean: 'có/không', choice: 'chọn một',
  multiChoice: 'chọn nhiều', date: 'ngày', url: 'đường dẫn', email: 'thư điện tử', phone: 'điện thoại', ratio: 'tử số/mẫu số',
};

const PERIOD_VI = { year: 'năm', quarter: 'quý', month: 'tháng' } as const;

/** Prefixes the form number unless the title already carries it. */
function withNumber(formNumber: string | undefined, title: string): string {
  return formNumber && !title.includes(formNumber) ? `${formNumber} — ${title}` : title;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function describeField(n: FieldNode): string {
  const parts = [KIND_VI[n.kind] ?? n.kind];
  if (n.required) parts.push('bắt buộc');
  if (n.notApplicable) parts.push('cho phép "không áp dụng"');
  if (n.evidence) parts.push(n.evidence === 'required' ? 'cần đường dẫn minh chứng' : 'có thể kèm minh chứng');
  if (n.options) parts.push('lựa chọn: ' + n.options.map((o) => o.label.vi).join(' / '));
  if (n.readOnly) parts.push('tính tự động');
  return parts.join('; ');
}

function renderDictionary(model: FormModel): void {
  const section = document.getElementById('dictionary')!;
  const title = document.getElementById('dict-title')!;
  const meta = document.getElementById('dict-meta')!;
  const body = document.getElementById('dict-body')!;
  title.textContent = withNumber(model.info.formNumber, model.title.vi);
  const w = model.info.window;
  meta.textContent = `${model.info.form}@${model.info.version} / ${model.info.variant} · kỳ báo cáo: ${PERIOD_VI[model.info.period]}` +
    (w ? ` · số liệu từ ${w.from} đến ${w.to}` : '') + (model.info.deadline ? ` · hạn gửi ${model.info.deadline}` : '') + ` · ${model.title.en}`;
  const table = el('table');
  const head = table.createTHead().insertRow();
  for (const h of ['Mã', 'Nhãn (tiếng Việt)', 'Label (English)', 'Con trỏ JSON', 'Đơn vị', 'Kiểu']) head.appendChild(el('th', h));
  const tbody = table.createTBody();
  for (const n of walkFields(model)) {
    const row = tbody.insertRow();
    if (n.kind === 'section' || n.kind === 'table') row.className = 'section-row';
    row.appendChild(el('td', n.code ?? ''));
    row.appendChild(el('td', n.label.vi));
    row.appendChild(el('td', n.label.en));
    const ptr = el('td');
    ptr.appendChild(el('code', n.template));
    row.appendChild(ptr);
    row.appendChild(el('td', n.unit?.vi ?? ''));
    row.appendChild(el('td', describeField(n)));
  }
  body.replaceChildren(table);
  if (model.rules.length) {
    body.appendChild(el('h3', `Quy tắc kiểm tra (${model.rules.length})`));
    const rules = el('table');
    const rh = rules.createTHead().insertRow();
    for (const h of ['Mã quy tắc', 'Mức', 'Áp dụng tại', 'Thông báo (vi)', 'Message (en)']) rh.appendChild(el('th', h));
    const rb = rules.createTBody();
    for (const r of model.rules) {
      const row = rb.insertRow();
      const id = el('td');
      id.appendChild(el('code', r.rule.id));
      row.appendChild(id);
      row.appendChild(el('td', r.rule.severity === 'error' ? 'lỗi' : 'cảnh báo'));
      row.appendChild(el('td', (r.node || '/') + (r.perRow ? ' (từng dòng)' : '')));
      row.appendChild(el('td', r.message.vi));
      row.appendChild(el('td', r.message.en));
    }
    body.appendChild(rules);
  }
  section.hidden = false;
  title.focus();
}

async function main(): Promise<void> {
  const host = document.getElementById('definitions')!;
  const list = el('ul', undefined, 'defs-list');
  for (const s of registry.list()) {
    const li = el('li');
    const button = el('button');
    button.type = 'button';
    button.appendChild(el('strong', withNumber(s.formNumber, s.title)));
    button.appendChild(el('br'));
    button.appendChild(el('span', `${s.form}@${s.version} / ${s.variant}${s.titleEn ? ' · ' + s.titleEn : ''}`, 'muted'));
    button.addEventListener('click', async () => {
      const def = await registry.get(s);
      renderDictionary(buildModel(def));
      history.replaceState(null, '', `#${s.form}@${s.version}/${s.variant}`);
    });
    li.appendChild(button);
    list.appendChild(li);
  }
  host.replaceChildren(list);
  const m = /^#([^@]+)@([^/]+)\/(.+)$/.exec(location.hash);
  if (m) {
    const found = await registry.find({ form: m[1]!, version: m[2]!, variant: m[3]! });
    if (found.ok) renderDictionary(buildModel(found.definition));
  }
}

main().catch((e: unknown) => {
  document.getElementById('definitions')!.textContent = `Lỗi: ${(e as Error).message}`;
});

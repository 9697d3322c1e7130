/**
 * The field dictionary of a definition version as Markdown: every section,
 * field and column with its code, labels in vi and en, JSON Pointer, unit and
 * kind, and every rule with its messages in both languages. Used by the docs
 * build; the demo renders the same model in the browser.
 */
import { buildModel, createDefinition, walkFields } from '../../packages/core/src/index.js';
import type { FieldNode, FormModel } from '../../packages/core/src/index.js';
import type { VersionFiles } from '../../packages/definitions/src/registry.js';

const KIND: Record<string, [string, string]> = {
  section: ['mục', 'section'], table: ['bảng', 'table'], integer: ['số nguyên', 'integer'], decimal: ['số thập phân', 'decimal'],
  percent: ['tỷ lệ %', 'percentage'], year: ['năm', 'year'], month: ['tháng/năm', 'month'], text: ['văn bản', 'text'],
  longText: ['văn bản dài', 'long text'], boolean: ['có/không', 'yes/no'], choice: ['chọn một', 'single choice'],
  multiChoice: ['chọn nhiều', 'multiple choice'], date: ['ngày', 'date'], url: ['đường dẫn', 'URL'], email: ['thư điện tử', 'e-mail'],
  phone: ['điện thoại', 'phone'], ratio: ['tử số/mẫu số', 'ratio'],
};

function cell(s: string | undefined): string {
  return (s ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function flags(n: FieldNode): string {
  const f: string[] = [];
  if (n.required) f.push('bắt buộc / required');
  if (n.notApplicable) f.push('N/A + lý do / reason');
  if (n.evidence) f.push(`minh chứng / evidence (${n.evidence})`);
  if (n.options) f.push(n.options.map((o) => `\`${o.value}\` ${o.label.vi} / ${o.label.en}`).join('; '));
  return f.join('<br>');
}

function modelMarkdown(model: FormModel): string {
  const info = model.info;
  const lines: string[] = [];
  lines.push(`## ${info.formNumber ? `${info.formNumber} — ` : ''}${model.title.vi}`, '');
  lines.push(`_${model.title.en}_ · \`${info.form}@${info.version}/${info.variant}\` · \`${model.definition.id}\``, '');
  if (info.window) lines.push(`Số liệu / data: ${info.window.from} → ${info.window.to}${info.deadline ? ` · hạn gửi / due ${info.deadline}` : ''}`, '');
  lines.push('| Mã / code | Nhãn | Label | Pointer | Đơn vị / unit | Kiểu / kind | |', '|---|---|---|---|---|---|---|');
  for (const n of walkFields(model)) {
    const k = KIND[n.kind] ?? [n.kind, n.kind];
    const label = n.kind === 'section' || n.kind === 'table' ? `**${cell(n.label.vi)}**` : cell(n.label.vi);
    lines.push(`| ${cell(n.code)} | ${label} | ${cell(n.label.en)} | \`${n.template}\` | ${cell(n.unit ? `${n.unit.vi} / ${n.unit.en}` : '')} | ${k[0]} / ${k[1]} | ${flags(n)} |`);
  }
  lines.push('');
  if (model.rules.length) {
    lines.push(`### Quy tắc kiểm tra / rules (${model.rules.length})`, '');
    lines.push('| id | mức / severity | tại / at | thông báo | message |', '|---|---|---|---|---|');
    for (const r of model.rules) {
      const at = `\`${r.node || '/'}${r.perRow ? '/*' : ''}${r.rule.target ?? ''}\``;
      lines.push(`| \`${r.rule.id}\` | ${r.rule.severity === 'error' ? 'lỗi / error' : 'cảnh báo / warning'} | ${at} | ${cell(r.message.vi)} | ${cell(r.message.en)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The dictionary page of one form version (all its variants). */
export function dictionaryMarkdown(form: string, version: string, files: VersionFiles): string {
  const roots = files.resources.filter((r) => r.bmForm);
  const parts = [`---\ntitle: ${form}@${version}\n---\n`, `# Từ điển trường dữ liệu / field dictionary: \`${form}@${version}\``, ''];
  for (const root of roots) {
    const def = createDefinition({ resources: files.resources, root: root.$id!, catalogues: files.catalogues });
    parts.push(modelMarkdown(buildModel(def)));
  }
  return parts.join('\n');
}

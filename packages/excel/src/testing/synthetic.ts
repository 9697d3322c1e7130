/**
 * Test support: a definition made up on the spot (not in definitions/), with
 * what the published ones may lack — a choice list far over 255 characters
 * with commas in labels, nested header groups, a table-only section — to
 * prove the views need no form-specific code.
 * @module
 */
import { createDefinition } from '@bieumau/core';
import type { Definition } from '@bieumau/core';

const PROVINCES = Array.from({ length: 63 }, (_, i) => `Tỉnh số ${i + 1}, vùng ${['Bắc', 'Trung', 'Nam'][i % 3]}`);

export function syntheticDefinition(version = '2030'): Definition {
  const id = `https://bieumau.github.io/schemas/synthetic-test/${version}/district.json`;
  return createDefinition({
    resources: [
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: id,
        title: 'Phụ lục thử: báo cáo cấp huyện',
        bmForm: { form: 'synthetic-test', version, variant: 'district', formNumber: 'Phụ lục I: [thử]/?*', period: 'quarter' },
        type: 'object',
        properties: {
          definition: { type: 'object', additionalProperties: false, properties: { form: { const: 'synthetic-test' }, version: { const: version }, variant: { const: 'district' } }, required: ['form', 'version', 'variant'] },
          place: {
            type: 'object',
            title: 'Địa bàn',
            bmCode: 'I',
            additionalProperties: false,
            properties: {
              province: { title: 'Tỉnh', bmCode: 'I.1', enum: PROVINCES.map((_, i) => `p${i + 1}`), bmOptionTitles: Object.fromEntries(PROVINCES.map((p, i) => [`p${i + 1}`, p])) },
              year: { type: 'integer', minimum: 1990, maximum: 2100, title: 'Năm thành lập', bmCode: 'I.2', bmKind: 'year' },
              budget: { type: 'number', minimum: 0, title: 'Kinh phí', bmCode: 'I.3', bmUnit: 'triệu đồng' },
            },
          },
          staff: {
            type: 'array',
            title: 'Nhân lực theo đơn vị: danh sách [chi tiết] rất dài để thử giới hạn tên trang tính',
            bmCode: 'II',
            maxItems: 30000,
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                unit: { type: 'string', maxLength: 200, title: 'Đơn vị' },
                male: { type: 'integer', minimum: 0, maximum: 100000, title: 'Nam', bmUnit: 'người' },
                female: { type: 'integer', minimum: 0, maximum: 100000, title: 'Nữ', bmUnit: 'người' },
                degree: { type: 'integer', minimum: 0, maximum: 100000, title: 'Đại học' },
                master: { type: 'integer', minimum: 0, maximum: 100000, title: 'Thạc sĩ' },
                share: { type: 'number', minimum: 0, maximum: 100, title: 'Tỷ lệ', bmKind: 'percent', bmUnit: '%' },
                since: { type: 'string', format: 'date', title: 'Ngày thành lập' },
                province: { title: 'Tỉnh', enum: PROVINCES.map((_, i) => `p${i + 1}`), bmOptionTitles: Object.fromEntries(PROVINCES.map((p, i) => [`p${i + 1}`, p])) },
              },
              required: ['unit'],
            },
            bmHeaderGroups: [
              { title: 'Số lượng', columns: ['male', 'female'] },
              { title: 'Trình độ', columns: [{ title: 'Sau đại học và đại học', columns: ['degree', 'master'] }] },
            ],
          },
        },
        required: ['definition'],
        additionalProperties: false,
      } as never,
    ],
  });
}

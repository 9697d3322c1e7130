/**
 * Writes a small definition that no code in the repository knows about, for
 * tests proving that definitions are data only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const NEW_REF = { form: 'tinh-rieng', version: '2026', variant: 'unit' } as const;

export function writeNewDefinition(root: string) {
  const dir = join(root, NEW_REF.form, NEW_REF.version);
  mkdirSync(join(dir, 'i18n'), { recursive: true });
  const id = `https://bieumau.github.io/schemas/${NEW_REF.form}/${NEW_REF.version}/unit.json`;
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id,
    title: 'Phụ lục riêng của tỉnh',
    bmForm: { ...NEW_REF, period: 'year', formNumber: 'Phụ lục A' },
    type: 'object',
    properties: {
      definition: { $ref: '#/$defs/ref' },
      thongTin: {
        type: 'object',
        title: 'Thông tin đơn vị',
        bmCode: 'A',
        properties: {
          tenDonVi: { type: 'string', title: 'Tên đơn vị', bmCode: 'A.1', minLength: 1, maxLength: 200 },
          soMayTinh: { type: 'integer', title: 'Số máy tính', bmCode: 'A.2', bmUnit: 'máy', minimum: 0, maximum: 100000 },
          coMangLan: { type: 'boolean', title: 'Có mạng LAN', bmCode: 'A.3' },
        },
        required: ['tenDonVi'],
        additionalProperties: false,
      },
      duAn: {
        type: 'array',
        title: 'Dự án',
        bmCode: 'B',
        maxItems: 100,
        items: {
          type: 'object',
          properties: {
            ten: { type: 'string', title: 'Tên dự án', minLength: 1, maxLength: 300 },
            kinhPhi: { type: 'integer', title: 'Kinh phí', bmUnit: 'VND', minimum: 0, maximum: 1e13 },
          },
          required: ['ten'],
          additionalProperties: false,
          bmRules: [
            {
              id: 'du-an.kinh-phi',
              severity: 'warning',
              assert: { '<=': [{ var: 'kinhPhi' }, 1e12] },
              target: '/kinhPhi',
              params: { v: { var: 'kinhPhi' } },
              message: 'kinh phí ({v}) bất thường',
            },
          ],
        },
      },
    },
    required: ['definition', 'thongTin'],
    additionalProperties: false,
    $defs: {
      ref: {
        type: 'object',
        properties: { form: { const: NEW_REF.form }, version: { const: NEW_REF.version }, variant: { const: NEW_REF.variant } },
        required: ['form', 'version', 'variant'],
        additionalProperties: false,
      },
    },
  };
  const en = {
    lang: 'en',
    units: { máy: 'computers' },
    texts: {
      'unit.json#/title': "Province's own appendix",
      'unit.json#/properties/thongTin/title': 'Unit information',
      'unit.json#/properties/thongTin/properties/tenDonVi/title': 'Unit name',
      'unit.json#/properties/thongTin/properties/soMayTinh/title': 'Computers',
      'unit.json#/properties/thongTin/properties/coMangLan/title': 'Has a LAN',
      'unit.json#/properties/duAn/title': 'Projects',
      'unit.json#/properties/duAn/items/properties/ten/title': 'Project name',
      'unit.json#/properties/duAn/items/properties/kinhPhi/title': 'Funding',
      'unit.json#/properties/duAn/items/bmRules/0/message': 'funding ({v}) looks wrong',
    },
  };
  writeFileSync(join(dir, 'unit.json'), JSON.stringify(schema, null, 2));
  writeFileSync(join(dir, 'i18n/en.json'), JSON.stringify(en, null, 2));
  const sample = {
    definition: { ...NEW_REF },
    thongTin: { tenDonVi: 'Phòng Văn hóa và Thông tin huyện Hòa An', soMayTinh: 25, coMangLan: true },
    duAn: [{ ten: 'Nâng cấp mạng LAN', kinhPhi: 350000000 }],
  };
  return { dir, ref: { ...NEW_REF }, sample, schemaId: id };
}

/**
 * `validateDefinition` finds each class of problem a schema maintainer can
 * make (each case breaks one thing in a copy of the demo definition), and
 * the static pattern check accepts linear patterns and refuses the rest.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDefinition } from '@bieumau/core';
import type { Catalogue, SchemaObject } from '@bieumau/core';
import { readVersionFolder } from '../../definitions/src/node.js';
import { validateDefinition } from './definition-check.js';
import { boundsLength, checkPattern } from './regex.js';
import { repo } from './testing/fixtures.js';

const files = readVersionFolder(join(repo, 'test/fixtures/definitions/demo-form/2025'));

/** The demo definition with one edit applied to copies of its files. */
function broken(edit: (unit: any, shared: any, en: Catalogue) => void) {
  const resources = structuredClone(files.resources) as any[];
  const unit = resources.find((r) => r.bmForm);
  const shared = resources.find((r) => !r.bmForm);
  const en = structuredClone(files.catalogues.en!);
  edit(unit, shared, en);
  return validateDefinition(createDefinition({ resources: resources as SchemaObject[], catalogues: { en } }), { lang: 'en' });
}

const found = (r: ReturnType<typeof validateDefinition>) => [...r.errors, ...r.warnings].map((e) => `${e.keyword} ${e.schemaPath?.replace('https://bieumau.github.io/schemas/demo-form/2025/', '')}`);

describe('validateDefinition', () => {
  it('accepts the demo definition', () => {
    const r = validateDefinition(createDefinition({ resources: files.resources, catalogues: files.catalogues }));
    expect([...r.errors, ...r.warnings]).toEqual([]);
  });

  it('refuses what strict mode refuses (unknown keyword)', () => {
    const r = broken((_u, s) => (s.$defs.general.properties.agencyName.maxLenght = 3));
    expect(r.errors[0]!.keyword).toBe('defCompile');
    expect(r.errors[0]!.message).toMatch(/maxLenght/);
  });

  it('requires maxLength, maxItems and closed objects', () => {
    expect(found(broken((_u, s) => delete s.$defs.general.properties.agencyName.maxLength))).toEqual([
      'defMaxLength shared.json#/$defs/general/properties/agencyName',
    ]);
    expect(found(broken((_u, s) => delete s.$defs.services.properties.list.maxItems))).toEqual(['defMaxItems shared.json#/$defs/services/properties/list']);
    expect(found(broken((_u, s) => delete s.$defs.services.properties.list.items.additionalProperties))).toEqual([
      'defAdditionalProperties shared.json#/$defs/services/properties/list/items',
    ]);
  });

  it('refuses patterns not proven linear-time', () => {
    for (const p of ['^(a+)+$', '^(a|aa)*$', '^(\\w+\\s?)*$', '^(.*)\\1$', '^(?=a)a$']) {
      const r = broken((_u, s) => (s.$defs.general.properties.agencyName.pattern = p));
      expect(found(r), p).toEqual(['defPattern shared.json#/$defs/general/properties/agencyName']);
    }
  });

  it('requires NFC Vietnamese titles and English translations, and unique codes', () => {
    expect(found(broken((_u, s) => delete s.$defs.general.properties.email.title))).toEqual(['defTitle shared.json#/$defs/general/properties/email']);
    expect(found(broken((_u, s) => (s.$defs.general.properties.email.title = 'Thư điện tử'.normalize('NFD'))))).toEqual([
      'defNfc shared.json#/$defs/general/properties/email/title',
    ]);
    expect(found(broken((_u, _s, en) => delete en.texts['shared.json#/$defs/general/properties/email/title']))).toEqual([
      'defTranslation shared.json#/$defs/general/properties/email/title',
    ]);
    expect(found(broken((_u, s) => (s.$defs.general.properties.email.bmCode = '1.1')))).toEqual(['defCode shared.json#/$defs/general/properties/email']);
  });

  it('checks rules: ids, operators, literal paths, existing fields, targets, English messages', () => {
    const rule = (edit: (r: any) => void) => broken((_u, s) => edit(s.$defs.general.bmRules[0]));
    expect(found(rule((r) => (r.id = 'Bad Id')))).toEqual(['defRuleId shared.json#/$defs/general/bmRules/0']);
    expect(found(broken((_u, s) => s.$defs.general.bmRules.push(structuredClone(s.$defs.general.bmRules[0])))).sort()).toEqual([
      'defRuleId shared.json#/$defs/general/bmRules/1',
      'defTranslation shared.json#/$defs/general/bmRules/1/message',
    ]);
    expect(found(rule((r) => (r.assert = { regex: [{ var: 'totalStaff' }, 'x'] })))).toEqual(['defRuleLogic shared.json#/$defs/general/bmRules/0/assert']);
    expect(found(rule((r) => (r.assert = { '<=': [{ var: { cat: ['total', 'Staff'] } }, 1] })))).toEqual(['defRuleLogic shared.json#/$defs/general/bmRules/0/assert']);
    expect(found(rule((r) => (r.assert = { '<=': [{ var: 'totalStaf' }, 1] })))).toEqual(['defRulePath shared.json#/$defs/general/bmRules/0/assert']);
    expect(found(rule((r) => (r.requires = ['nothing'])))).toEqual(['defRulePath shared.json#/$defs/general/bmRules/0/requires']);
    expect(found(rule((r) => (r.target = '/nowhere')))).toEqual(['defRuleTarget shared.json#/$defs/general/bmRules/0/target']);
    expect(found(rule((r) => (r.target = 'totalStaff')))).toEqual(['defRuleTarget shared.json#/$defs/general/bmRules/0/target']);
    expect(found(broken((_u, _s, en) => delete en.texts['shared.json#/$defs/general/bmRules/0/message']))).toEqual([
      'defTranslation shared.json#/$defs/general/bmRules/0/message',
    ]);
    expect(found(rule((r) => (r.severity = 'fatal')))).toEqual(['defRule shared.json#/$defs/general/bmRules/0']);
  });

  it('requires evidence links to be http(s) only', () => {
    expect(found(broken((u) => delete u.properties.evidence.additionalProperties.pattern))).toEqual(['defValueMap unit.json#/properties/evidence']);
  });
});

describe('checkPattern', () => {
  it('accepts linear patterns found in definitions', () => {
    for (const p of [
      '^https?://',
      '^\\d{4}-(0[1-9]|1[0-2])$',
      '^(/[A-Za-z0-9]+)+$',
      '^[0-9+() .-]{6,20}$',
      '^\\d{1,3}(\\.\\d{3})*$',
      '^[a-z][a-z0-9-]*$',
      '^[^@\\s]+@[^@\\s]+$',
      '^(\\+84|0)[0-9]{9,10}$',
    ]) {
      expect(checkPattern(p), p).toEqual({ ok: true });
    }
  });

  it('refuses nested quantifiers, back-references, look-arounds, overlapping or empty alternatives under a repeat', () => {
    const cases: [string, RegExp][] = [
      ['^(a+)+$', /nested/],
      ['^(a*)*$', /empty|nested/],
      ['^([a-z]+[0-9]*)+$', /nested/],
      ['^(a|ab)+$', /start with "a"/],
      ['^(\\d|[0-9a-f])*$', /start with/],
      ['^(a|)+$', /empty/],
      ['^(a)\\1$', /back-reference/],
      ['^(?<x>a)\\k<x>$', /back-reference/],
      ['^(?!x).*$', /look-around/],
      ['(', /not a valid/],
    ];
    for (const [p, reason] of cases) {
      const r = checkPattern(p);
      expect(r.ok, p).toBe(false);
      if (!r.ok) expect(r.reason, p).toMatch(reason);
    }
  });

  it('knows which patterns bound the length of a string', () => {
    expect(boundsLength('^\\d{4}-(0[1-9]|1[0-2])$')).toBe(true);
    expect(boundsLength('^https?://')).toBe(false);
    expect(boundsLength('^[a-z]+$')).toBe(false);
    expect(boundsLength('^a$|b')).toBe(false);
  });
});

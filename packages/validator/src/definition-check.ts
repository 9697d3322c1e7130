/**
 * `validateDefinition`: the checks a definition must pass before it is
 * published (docs/definition-format.md §2–§6): it compiles under ajv strict
 * mode; every string is bounded, every array bounded, every object closed;
 * every pattern provably linear-time; every node titled in NFC Vietnamese
 * with an English translation; codes unique; rules in the subset, reading
 * fields that exist, with unique ids, existing targets and English messages.
 * @module
 */
import type { Definition, FieldNode, FormModel, Lang, ReportError, SchemaLocation, SchemaObject } from '@bieumau/core';
import { buildModel, dottedToPointer, escapeToken, logicVars, templateOf, walkFields } from '@bieumau/core';
import { addDefinition, createAjv } from './ajv.js';
import { holderOf, locationRef } from './data.js';
import type { ValidationResult } from './engine.js';
import { boundsLength, checkPattern } from './regex.js';

/** Options of {@link validateDefinition}. */
export interface DefinitionCheckOptions {
  /** Language of the messages (default Vietnamese). */
  lang?: Lang;
}

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'] as const;
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SUBSCHEMA_ONE = ['items', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else', 'contains', 'unevaluatedProperties', 'unevaluatedItems'] as const;

const TEXT: Record<string, { vi: string; en: string }> = {
  defCompile: { vi: 'không biên dịch được ở chế độ strict', en: 'does not compile in strict mode' },
  defForm: { vi: 'bmForm không hợp lệ', en: 'bmForm is not valid' },
  defMaxLength: { vi: 'chuỗi không có maxLength', en: 'a string without maxLength' },
  defMaxItems: { vi: 'mảng không có maxItems', en: 'an array without maxItems' },
  defAdditionalProperties: { vi: 'đối tượng không có additionalProperties: false', en: 'an object without additionalProperties: false' },
  defPattern: { vi: 'pattern không được chứng minh chạy tuyến tính', en: 'a pattern not proven linear-time' },
  defTitle: { vi: 'thiếu tiêu đề tiếng Việt (title)', en: 'no Vietnamese title' },
  defNfc: { vi: 'văn bản chưa chuẩn hóa NFC', en: 'text not in NFC' },
  defTranslation: { vi: 'thiếu bản dịch tiếng Anh trong i18n/en.json', en: 'no English translation in i18n/en.json' },
  defCode: { vi: 'bmCode bị trùng', en: 'duplicate bmCode' },
  defRuleId: { vi: 'id của quy tắc không hợp lệ hoặc bị trùng', en: 'rule id invalid or duplicate' },
  defRule: { vi: 'quy tắc không hợp lệ', en: 'rule not valid' },
  defRuleLogic: { vi: 'biểu thức ngoài tập con JSON Logic cho phép', en: 'expression outside the JSON Logic subset' },
  defRulePath: { vi: 'quy tắc đọc một trường không tồn tại', en: 'rule reads a field that does not exist' },
  defRuleTarget: { vi: 'target của quy tắc không trỏ tới nút tồn tại', en: 'rule target names no existing node' },
  defValueMap: { vi: 'bản đồ notApplicable/evidence không đúng quy định', en: 'notApplicable/evidence map not as specified' },
};

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function types(s: SchemaObject): string[] {
  return Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : [];
}

/**
 * Checks a definition for schema maintainers. Returns every problem found
 * (never throws for a bad definition); `schemaPath` locates each one as
 * `<$id>#<pointer>`, `instancePath` is the report pointer (template) of the
 * node concerned where there is one, and `params.detail` says exactly what.
 */
export function validateDefinition(definition: Definition, options: DefinitionCheckOptions = {}): ValidationResult {
  const lang: Lang = options.lang === 'en' ? 'en' : 'vi';
  const problems: ReportError[] = [];
  const add = (keyword: string, location: SchemaLocation | string, detail: string, instancePath = '', severity: 'error' | 'warning' = 'error') => {
    const schemaPath = typeof location === 'string' ? location : locationRef(location);
    problems.push({ instancePath, keyword, params: { detail }, severity, schemaPath, message: `${schemaPath}: ${TEXT[keyword]?.[lang] ?? keyword} — ${detail}` });
  };
  const rootLoc: SchemaLocation = { resource: definition.id, pointer: '' };

  // 1. Strict compile.
  try {
    const ajv = createAjv();
    addDefinition(ajv, definition);
    ajv.getSchema(definition.id);
  } catch (e) {
    add('defCompile', rootLoc, (e as Error).message);
    return finish(problems);
  }

  // 2. bmForm.
  const f = definition.info;
  if (!/^[a-z][a-z0-9-]*$/.test(f.form)) add('defForm', { resource: definition.id, pointer: '/bmForm/form' }, f.form);
  if (!/^\d{4}(\.\d+)?$/.test(f.version)) add('defForm', { resource: definition.id, pointer: '/bmForm/version' }, f.version);
  if (!/^[a-z][a-z0-9-]*$/.test(f.variant)) add('defForm', { resource: definition.id, pointer: '/bmForm/variant' }, f.variant);
  if (!['year', 'quarter', 'month'].includes(f.period)) add('defForm', { resource: definition.id, pointer: '/bmForm/period' }, String(f.period));

  // 3. Security meta-checks on every schema reachable from the root, $refs followed and merged with their siblings.
  const seen = new Set<string>();
  const visit = (schema: unknown, location: SchemaLocation, depth: number): void => {
    if (!isObject(schema) || depth > 64) return;
    const key = locationRef(location);
    if (seen.has(key)) return;
    seen.add(key);
    const chain: { schema: SchemaObject; location: SchemaLocation }[] = [{ schema: schema as SchemaObject, location }];
    try {
      let cur = chain[0]!;
      while (typeof cur.schema.$ref === 'string' && chain.length < 32) {
        cur = definition.resolveRef(cur.schema.$ref, cur.location);
        chain.push(cur);
      }
    } catch (e) {
      add('defCompile', location, (e as Error).message);
      return;
    }
    const s: SchemaObject = {};
    for (let i = chain.length - 1; i >= 0; i--) Object.assign(s, chain[i]!.schema);
    const t = types(s);
    // Dates and anchored fixed-shape patterns bound a string as well as maxLength does.
    const bounded =
      s.maxLength !== undefined || s.enum !== undefined || s.const !== undefined || s.format === 'date' || (typeof s.pattern === 'string' && boundsLength(s.pattern));
    if (t.includes('string') && !bounded) add('defMaxLength', location, 'type string');
    if (t.includes('array') && s.maxItems === undefined) add('defMaxItems', location, 'type array');
    if (t.includes('object') || (t.length === 0 && isObject(s.properties))) {
      const ap = s.additionalProperties;
      const boundedMap = isObject(ap) && typeof s.maxProperties === 'number' && isObject(s.propertyNames) && typeof (s.propertyNames as SchemaObject).maxLength === 'number';
      if (ap !== false && s.unevaluatedProperties !== false && !boundedMap) add('defAdditionalProperties', location, 'type object');
    }
    if (typeof s.pattern === 'string') {
      const c = checkPattern(s.pattern);
      if (!c.ok) add('defPattern', location, `${JSON.stringify(s.pattern)} ${c.reason}`);
    }
    if (isObject(s.patternProperties)) {
      for (const p of Object.keys(s.patternProperties)) {
        const c = checkPattern(p);
        if (!c.ok) add('defPattern', location, `${JSON.stringify(p)} ${c.reason}`);
      }
    }
    const holder = (k: string) => chain.find((c) => Object.prototype.hasOwnProperty.call(c.schema, k));
    const sub = (loc: SchemaLocation, ...tokens: string[]): SchemaLocation => ({ resource: loc.resource, pointer: loc.pointer + tokens.map((x) => '/' + escapeToken(x)).join('') });
    for (const k of SUBSCHEMA_MAPS) {
      if (k === '$defs') continue; // reachable $defs are visited through their $refs
      const h = holder(k);
      if (h && isObject(h.schema[k])) for (const [name, x] of Object.entries(h.schema[k] as object)) visit(x, sub(h.location, k, name), depth + 1);
    }
    for (const k of SUBSCHEMA_LISTS) {
      const h = holder(k);
      if (h && Array.isArray(h.schema[k])) (h.schema[k] as unknown[]).forEach((x, i) => visit(x, sub(h.location, k, String(i)), depth + 1));
    }
    for (const k of SUBSCHEMA_ONE) {
      const h = holder(k);
      if (h && isObject(h.schema[k])) visit(h.schema[k], sub(h.location, k), depth + 1);
    }
  };
  visit(definition.root, rootLoc, 0);

  let model: FormModel;
  try {
    model = buildModel(definition);
  } catch (e) {
    add('defCompile', rootLoc, (e as Error).message);
    return finish(problems);
  }
  const en = definition.catalogues.en?.texts ?? {};
  const checkText = (loc: SchemaLocation, path: string, instancePath: string, required: boolean) => {
    const vi = definition.text(loc, path, 'vi');
    if (vi === undefined) return;
    if (vi.normalize('NFC') !== vi) add('defNfc', definition.textKey(loc, path), vi, instancePath);
    if (!Object.prototype.hasOwnProperty.call(en, definition.textKey(loc, path))) {
      add('defTranslation', definition.textKey(loc, path), vi, instancePath, required ? 'error' : 'warning');
    }
  };

  // 4. Labels and codes.
  if (definition.text(rootLoc, 'title', 'vi') === undefined) add('defTitle', rootLoc, 'root');
  else checkText(rootLoc, 'title', '', true);
  const codes = new Map<string, FieldNode>();
  const nodes = [...walkFields(model)];
  for (const n of nodes) {
    const loc = holderOf(definition, n.location, 'title');
    if (!loc || typeof definition.text(loc, 'title', 'vi') !== 'string' || !definition.text(loc, 'title', 'vi')!.trim()) add('defTitle', n.location, n.template, n.template);
    else checkText(loc, 'title', n.template, true);
    for (const k of ['description', 'bmFootnote']) {
      const h = holderOf(definition, n.location, k);
      if (h) checkText(h, k, n.template, false);
    }
    if (n.code !== undefined) {
      const other = codes.get(n.code);
      if (other) add('defCode', n.location, `${n.code} (${other.template}, ${n.template})`, n.template);
      else codes.set(n.code, n);
    }
    const optHolder = holderOf(definition, n.kind === 'multiChoice' ? { resource: n.location.resource, pointer: n.location.pointer } : n.location, 'bmOptionTitles');
    if (optHolder) for (const o of n.options ?? []) checkText(optHolder, `bmOptionTitles/${String(o.value)}`, n.template, false);
  }

  // 5. Value-state maps: present when a field needs them, evidence links http(s) only.
  const rootProps = (definition.root.properties ?? {}) as Record<string, SchemaObject>;
  const mapSchema = (key: string): SchemaObject | undefined => {
    const x = rootProps[key];
    if (!x) return undefined;
    try {
      return typeof x.$ref === 'string' ? definition.resolveRef(x.$ref, { resource: definition.id, pointer: `/properties/${key}` }).schema : x;
    } catch {
      return undefined;
    }
  };
  if (nodes.some((n) => n.notApplicable) && !mapSchema('notApplicable')) add('defValueMap', rootLoc, 'fields take bmNotApplicable but the root has no notApplicable property');
  if (nodes.some((n) => n.evidence)) {
    const ev = mapSchema('evidence');
    // Link schemas: `additionalProperties` and/or every `patternProperties` value.
    const values: SchemaObject[] = [];
    if (ev && isObject(ev.additionalProperties)) values.push(ev.additionalProperties as SchemaObject);
    if (ev && isObject(ev.patternProperties)) values.push(...(Object.values(ev.patternProperties) as SchemaObject[]));
    if (!ev) add('defValueMap', rootLoc, 'fields take bmEvidence but the root has no evidence property');
    else if (!values.length || values.some((v) => typeof v.pattern !== 'string' || !v.pattern.startsWith('^https?://'))) {
      add('defValueMap', { resource: definition.id, pointer: '/properties/evidence' }, 'evidence links need a pattern starting with ^https?://');
    }
  }

  // 6. Rules.
  const byTemplate = model.byTemplate;
  const exists = (template: string): boolean => {
    if (template === '' || byTemplate.has(template)) return true;
    // Members of a ratio (numerator, denominator) are not nodes of the model but are fields.
    const i = template.lastIndexOf('/');
    const parent = byTemplate.get(template.slice(0, i));
    return !!parent && isObject(parent.schema.properties) && Object.prototype.hasOwnProperty.call(parent.schema.properties, template.slice(i + 1));
  };
  const ids = new Set<string>();
  for (const rn of model.rules) {
    const r = rn.rule as unknown as Record<string, unknown>;
    const at = rn.location;
    const base = rn.perRow ? `${rn.node}/*` : rn.node;
    const id = r.id;
    if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(id)) add('defRuleId', at, JSON.stringify(id), rn.node);
    else if (ids.has(id)) add('defRuleId', at, `${id} is not unique`, rn.node);
    else ids.add(id);
    if (r.severity !== 'error' && r.severity !== 'warning') add('defRule', at, `severity ${JSON.stringify(r.severity)}`, rn.node);
    if (r.assert === undefined) add('defRule', at, 'no assert', rn.node);
    if (typeof r.message !== 'string' || !r.message.trim()) add('defRule', at, 'no message', rn.node);
    else checkText(at, 'message', rn.node, true);
    const exprs: [string, unknown][] = [['assert', r.assert], ['when', r.when]];
    if (r.params !== undefined) {
      if (!isObject(r.params)) add('defRule', at, 'params must be an object', rn.node);
      else for (const [k, v] of Object.entries(r.params)) exprs.push([`params/${k}`, v]);
    }
    for (const [where, expr] of exprs) {
      if (expr === undefined) continue;
      const vars = logicVars(expr);
      for (const p of vars.problems) add('defRuleLogic', { resource: at.resource, pointer: `${at.pointer}/${where}` }, p, rn.node);
      for (const p of vars.paths) {
        const t = safeTemplate(base + dottedToPointer(p));
        if (t === undefined || !exists(t)) add('defRulePath', { resource: at.resource, pointer: `${at.pointer}/${where}` }, `${p} → ${t ?? '?'}`, rn.node);
      }
      for (const a of vars.arrays) {
        const arr = safeTemplate(base + dottedToPointer(a.path));
        const node = arr === undefined ? undefined : byTemplate.get(arr);
        if (!node || (node.kind !== 'table' && node.kind !== 'multiChoice')) {
          add('defRulePath', { resource: at.resource, pointer: `${at.pointer}/${where}` }, `${a.path} is not a table or a multiple choice`, rn.node);
          continue;
        }
        if (node.kind !== 'table') continue;
        for (const ip of a.itemPaths) {
          if (ip === '') continue;
          const t = safeTemplate(`${arr}/*${dottedToPointer(ip)}`);
          if (t === undefined || !exists(t)) add('defRulePath', { resource: at.resource, pointer: `${at.pointer}/${where}` }, `${a.path}[*].${ip} → ${t ?? '?'}`, rn.node);
        }
      }
    }
    if (r.requires !== undefined) {
      if (!Array.isArray(r.requires) || !r.requires.every((x) => typeof x === 'string')) add('defRule', at, 'requires must be a list of paths', rn.node);
      else
        for (const p of r.requires as string[]) {
          const t = safeTemplate(base + dottedToPointer(p));
          if (t === undefined || !exists(t)) add('defRulePath', { resource: at.resource, pointer: `${at.pointer}/requires` }, `${p} → ${t ?? '?'}`, rn.node);
        }
    }
    if (r.target !== undefined) {
      const target = r.target;
      const t = typeof target === 'string' && (target === '' || target.startsWith('/')) ? safeTemplate(base + target) : undefined;
      if (t === undefined || !exists(t === base ? rn.node : t)) add('defRuleTarget', { resource: at.resource, pointer: `${at.pointer}/target` }, JSON.stringify(target), rn.node);
    }
  }
  return finish(problems);
}

function safeTemplate(pointer: string): string | undefined {
  try {
    return templateOf(pointer);
  } catch {
    return undefined;
  }
}

function finish(problems: ReportError[]): ValidationResult {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return { ok: errors.length === 0, errors, warnings };
}

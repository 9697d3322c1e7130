/**
 * A loaded definition: the root schema of one variant, the schemas it
 * references, and its catalogues. Resolves `$ref`s and looks up texts.
 * @module
 */
import type { Catalogue, FormInfo, SchemaObject } from './schema.js';
import type { Lang } from './errors.js';
import { getAt, parsePointer, escapeToken } from './pointer.js';

/** Where a subschema sits: the `$id` of its file and the JSON Pointer inside it. */
export interface SchemaLocation {
  resource: string;
  pointer: string;
}

/** Input to {@link createDefinition}. */
export interface DefinitionInput {
  /** The root schema of the variant and every schema file it references. */
  resources: readonly SchemaObject[];
  /** `$id` of the root; defaults to the only resource that has `bmForm`. */
  root?: string;
  /** Catalogues by language (`en`); Vietnamese is in the schemas themselves. */
  catalogues?: Partial<Record<Lang, Catalogue>>;
}

/** Thrown when a definition cannot be loaded at all; says what was expected and where. */
export class DefinitionError extends Error {
  override name = 'DefinitionError';
  constructor(message: string, readonly location?: string) {
    super(location ? `${message} (at ${location})` : message);
  }
}

/** A definition ready to be walked, validated, rendered. */
export interface Definition {
  /** `$id` of the root schema. */
  readonly id: string;
  /** Identity of the form (`bmForm`). */
  readonly info: FormInfo;
  /** The root schema. */
  readonly root: SchemaObject;
  /** Every schema by `$id`. */
  readonly resources: ReadonlyMap<string, SchemaObject>;
  /** The folder URI the catalogue keys are relative to. */
  readonly baseUri: string;
  /** Catalogues by language. */
  readonly catalogues: Partial<Record<Lang, Catalogue>>;
  /** Resolves a `$ref` found in `from`'s resource. Throws {@link DefinitionError} when it does not resolve. */
  resolveRef(ref: string, from: SchemaLocation): { schema: SchemaObject; location: SchemaLocation };
  /** The subschema at a location. */
  schemaAt(location: SchemaLocation): SchemaObject | undefined;
  /**
   * A text of the definition in a language: Vietnamese from the schema,
   * other languages from the catalogue, falling back to Vietnamese.
   * `path` is relative to the location, e.g. `title` or `bmOptionTitles/3`.
   */
  text(location: SchemaLocation, path: string, lang: Lang): string | undefined;
  /** The catalogue key of a text: `<file>#<pointer>`. */
  textKey(location: SchemaLocation, path: string): string;
  /** A unit in a language. */
  unit(unit: string, lang: Lang): string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Loads a definition from its schema files. Throws {@link DefinitionError}
 * when a file has no absolute `$id`, two files share one, or no root is found.
 */
export function createDefinition(input: DefinitionInput): Definition {
  const resources = new Map<string, SchemaObject>();
  for (const [i, r] of input.resources.entries()) {
    if (!isObject(r)) throw new DefinitionError(`Expected a schema object, found ${r === null ? 'null' : typeof r}`, `resources[${i}]`);
    const id = r.$id;
    if (typeof id !== 'string' || !/^https?:\/\/[^#]+$/.test(id)) {
      throw new DefinitionError(`Expected an absolute $id without fragment, found ${JSON.stringify(id)}`, `resources[${i}]`);
    }
    if (resources.has(id)) throw new DefinitionError(`Two schemas share the $id ${id}`, `resources[${i}]`);
    resources.set(id, r);
  }
  let rootId = input.root;
  if (rootId === undefined) {
    const roots = [...resources.values()].filter((r) => isObject(r.bmForm));
    if (roots.length !== 1) {
      throw new DefinitionError(`Expected exactly one schema with bmForm among the resources, found ${roots.length}; pass \`root\``);
    }
    rootId = roots[0]!.$id!;
  }
  const root = resources.get(rootId);
  if (!root) throw new DefinitionError(`The root ${rootId} is not among the resources (${[...resources.keys()].join(', ')})`);
  const info = root.bmForm;
  if (!isObject(info) || typeof info.form !== 'string' || typeof info.version !== 'string' || typeof info.variant !== 'string') {
    throw new DefinitionError('Expected bmForm with string form, version and variant', `${rootId}#/bmForm`);
  }
  const baseUri = rootId.slice(0, rootId.lastIndexOf('/') + 1);
  const catalogues = input.catalogues ?? {};

  const schemaAt = (location: SchemaLocation): SchemaObject | undefined => {
    const doc = resources.get(location.resource);
    if (!doc) return undefined;
    const found = getAt(doc, location.pointer);
    return isObject(found) ? (found as SchemaObject) : undefined;
  };

  const resolveRef = (ref: string, from: SchemaLocation) => {
    let url: URL;
    try {
      url = new URL(ref, from.resource);
    } catch {
      throw new DefinitionError(`Cannot resolve $ref ${JSON.stringify(ref)}`, `${from.resource}#${from.pointer}`);
    }
    const fragment = decodeURIComponent(url.hash.replace(/^#/, ''));
    url.hash = '';
    const location = { resource: url.href, pointer: fragment };
    if (fragment !== '' && !fragment.startsWith('/')) {
      throw new DefinitionError(`Only JSON Pointer fragments are supported in $ref, found ${JSON.stringify(ref)}`, `${from.resource}#${from.pointer}`);
    }
    const schema = schemaAt(location);
    if (!schema) throw new DefinitionError(`$ref ${JSON.stringify(ref)} does not resolve to a schema`, `${from.resource}#${from.pointer}`);
    return { schema, location };
  };

  const textKey = (location: SchemaLocation, path: string) => {
    const file = location.resource.startsWith(baseUri) ? location.resource.slice(baseUri.length) : location.resource;
    const suffix = path === '' ? '' : '/' + path.split('/').map(escapeToken).join('/');
    return `${file}#${location.pointer}${suffix}`;
  };

  const text = (location: SchemaLocation, path: string, lang: Lang) => {
    const schema = schemaAt(location);
    if (!schema) return undefined;
    const vi = getAt(schema, path === '' ? [] : path.split('/'));
    const viText = typeof vi === 'string' ? vi : undefined;
    if (lang === 'vi' || viText === undefined) return viText;
    const translated = catalogues[lang]?.texts[textKey(location, path)];
    return translated ?? viText;
  };

  const unit = (u: string, lang: Lang) => (lang === 'vi' ? u : catalogues[lang]?.units?.[u] ?? u);

  return { id: rootId, info: info as FormInfo, root, resources, baseUri, catalogues, resolveRef, schemaAt, text, textKey, unit };
}

/** Splits `<file>#<pointer>` catalogue keys (for tooling that checks catalogues). */
export function parseTextKey(key: string): { file: string; pointer: string } {
  const i = key.indexOf('#');
  if (i < 0) throw new DefinitionError(`Expected a catalogue key of the form <file>#<pointer>, found ${JSON.stringify(key)}`);
  const pointer = key.slice(i + 1);
  parsePointer(pointer);
  return { file: key.slice(0, i), pointer };
}

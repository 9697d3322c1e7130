import { describe, expect, it } from 'vitest';
import { escapeToken, getAt, hasAt, parsePointer, setAt, toPointer, dottedToPointer } from './pointer.js';

describe('JSON Pointer', () => {
  it('round-trips tokens with ~ and /', () => {
    const tokens = ['a/b', 'c~d', '0', ''];
    expect(parsePointer(toPointer(tokens))).toEqual(tokens);
    expect(escapeToken('a/b~')).toBe('a~1b~0');
  });
  it('rejects a pointer without a leading slash, naming it', () => {
    expect(() => parsePointer('a/b')).toThrow(/"a\/b"/);
  });
  it('reads own properties only', () => {
    const doc = { a: [{ b: 1 }] };
    expect(getAt(doc, '/a/0/b')).toBe(1);
    expect(getAt(doc, '/a/00/b')).toBeUndefined();
    expect(getAt(doc, '/constructor')).toBeUndefined();
    expect(getAt(doc, '/__proto__')).toBeUndefined();
    expect(getAt(doc, '/a/length')).toBeUndefined();
    expect(hasAt(doc, '/a/0')).toBe(true);
    expect(hasAt(doc, '/a/1')).toBe(false);
  });
  it('sets and deletes, creating containers, refusing prototype keys', () => {
    const doc: Record<string, unknown> = {};
    setAt(doc, '/t/0/name', 'x');
    expect(doc).toEqual({ t: [{ name: 'x' }] });
    setAt(doc, '/t/0/name', undefined);
    expect(doc).toEqual({ t: [{}] });
    expect(() => setAt(doc, '/__proto__/polluted', 1)).toThrow(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('converts dotted paths', () => {
    expect(dottedToPointer('a.b.0')).toBe('/a/b/0');
    expect(dottedToPointer('')).toBe('');
  });
});

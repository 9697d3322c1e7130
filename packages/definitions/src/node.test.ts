import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirectory } from './node.js';

const tmp = mkdtempSync(join(tmpdir(), 'bieumau-node-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('makeDirectory', () => {
  it('creates missing parents, and accepts a directory that exists', () => {
    const dir = join(tmp, 'a', 'b', 'c');
    makeDirectory(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(() => makeDirectory(dir)).not.toThrow();
    expect(() => makeDirectory(join(tmp, 'a'))).not.toThrow();
  });

  it('throws where a level cannot be made: a file in the way, a path under /proc (where recursive mkdirSync never returns)', () => {
    writeFileSync(join(tmp, 'file'), 'x');
    expect(() => makeDirectory(join(tmp, 'file', 'sub'))).toThrow(/ENOTDIR|EEXIST/);
    expect(() => makeDirectory(join(tmp, 'file'))).toThrow(/ENOTDIR/);
    expect(() => makeDirectory('/proc/bieumau-test/sub')).toThrow();
  });
});

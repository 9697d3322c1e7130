import { describe, expect, it } from 'vitest';
import { codePointLength, foldText, nfc } from './text.js';

describe('text', () => {
  it('folds NFD, diacritics, đ, case and spaces', () => {
    const nfd = 'Thành phần'.normalize('NFD');
    expect(nfd).not.toBe('Thành phần');
    expect(foldText(nfd)).toBe('thanh phan');
    expect(foldText('  ĐỘC\u00a0LẬP ')).toBe('doc lap');
    expect(nfc(nfd)).toBe('Thành phần');
  });
  it('counts code points', () => {
    expect(codePointLength('𝒜b')).toBe(2);
  });
});

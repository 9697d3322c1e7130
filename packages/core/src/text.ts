/**
 * Vietnamese text helpers: NFC normalisation (macOS input arrives decomposed)
 * and a folded form for matching labels typed without diacritics.
 * @module
 */

/** Normalises to NFC, the form every label in a definition is stored in. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Folds text for lenient matching: NFC, lower case, diacritics removed
 * (`đ` → `d`), white space (NBSP included) collapsed and trimmed.
 * `"Thành phần"`, `"thanh phan"` and the NFD form all fold to `"thanh phan"`.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

/** Length in code points, which is what JSON Schema `maxLength` counts. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

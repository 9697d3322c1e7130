/** Message formatting shortcuts give exactly what core's number formatting gives. */
import { describe, expect, it } from 'vitest';
import { formatNumber } from '@bieumau/core';
import { formatValue } from './messages.js';

describe('formatValue', () => {
  it('prints small whole numbers as core formatNumber does, in both languages, with and without grouping', () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const grouping of [true, false]) {
        for (const n of [...Array.from({ length: 1001 }, (_, i) => i), -0, -1, -999, 0.5, 1234, 1e21]) {
          expect(formatValue(n, lang, grouping), `${n} ${lang} ${grouping}`).toBe(formatNumber(n, lang, { grouping }));
        }
      }
    }
  });
});

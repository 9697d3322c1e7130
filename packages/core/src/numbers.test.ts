import { describe, expect, it } from 'vitest';
import { cleanFloat, dateToIso, excelSerialToIso, formatDate, formatNumber, parseDateVi, parseNumberVi } from './numbers.js';

const value = (s: string) => {
  const r = parseNumberVi(s);
  return r.ok ? r.value : r.reason;
};

describe('parseNumberVi', () => {
  it.each([
    ['1234', 1234],
    ['1.234.567', 1234567],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['0,45', 0.45],
    ['12,5', 12.5],
    ['1,234,567', 1234567],
    ['0.45', 0.45],
    ['1.5', 1.5],
    ['  42\u00a0', 42],
    ['1\u00a0234', 1234],
    ['-7', -7],
    ['−7', -7],
    ['+3', 3],
    ['45%', 45],
    ['-0', 0],
  ])('%j → %j', (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  it.each([
    ['', 'blank'],
    ['   ', 'blank'],
    ['-', 'blank'],
    ['N/A', 'notANumber'],
    ['không', 'notANumber'],
    ['1.2.3', 'notANumber'],
    ['1,2,3', 'notANumber'],
    ['1.234,5.6', 'notANumber'],
    ['12a', 'notANumber'],
    ['.', 'notANumber'],
    ['1e5', 'notANumber'],
    ['Infinity', 'notANumber'],
    ['1234567890123456', 'tooPrecise'],
  ])('%j is refused as %s', (input, reason) => {
    expect(value(input)).toBe(reason);
  });

  it('flags 1.234 as ambiguous but reads it as Vietnamese grouping', () => {
    expect(parseNumberVi('1.234')).toEqual({ ok: true, value: 1234, percent: false, ambiguous: true });
    expect(parseNumberVi('0.234')).toEqual({ ok: true, value: 0.234, percent: false, ambiguous: false });
    expect(parseNumberVi('12,5%')).toEqual({ ok: true, value: 12.5, percent: true, ambiguous: false });
  });

  it('never matches catastrophically on long hostile input', () => {
    const r = parseNumberVi('1.'.repeat(50_000) + 'x');
    expect(r.ok).toBe(false);
  });
});

describe('dates', () => {
  it('parses dd/mm/yyyy and ISO, refusing impossible dates', () => {
    expect(parseDateVi('05/12/2019')).toEqual({ ok: true, value: '2019-12-05' });
    expect(parseDateVi('5-1-2019')).toEqual({ ok: true, value: '2019-01-05' });
    expect(parseDateVi('2019-12-05')).toEqual({ ok: true, value: '2019-12-05' });
    expect(parseDateVi('29/02/2020')).toEqual({ ok: true, value: '2020-02-29' });
    expect(parseDateVi('30/02/2023')).toMatchObject({ ok: false, reason: 'invalidDate' });
    expect(parseDateVi('2023-02-30')).toMatchObject({ ok: false, reason: 'invalidDate' });
    expect(parseDateVi('12/2019')).toMatchObject({ ok: false, reason: 'notADate' });
    expect(parseDateVi('')).toMatchObject({ ok: false, reason: 'blank' });
  });
  it('converts Excel serials in both date systems', () => {
    expect(excelSerialToIso(43804)).toBe('2019-12-05');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(60)).toBeUndefined();
    expect(excelSerialToIso(42342, true)).toBe('2019-12-05');
    expect(excelSerialToIso(0)).toBeUndefined();
    expect(excelSerialToIso(Number.NaN)).toBeUndefined();
  });
  it('reads Date objects by their UTC day whatever the time zone', () => {
    expect(dateToIso(new Date(Date.UTC(2019, 11, 5)))).toBe('2019-12-05');
    expect(dateToIso(new Date(Number.NaN))).toBeUndefined();
  });
  it('formats for display', () => {
    expect(formatDate('2019-12-05')).toBe('05/12/2019');
    expect(formatDate('2019-12-05', 'en')).toBe('2019-12-05');
  });
});

describe('formatNumber and cleanFloat', () => {
  it('formats the Vietnamese way', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(2019, 'vi', { grouping: false })).toBe('2019');
  });
  it('removes float noise', () => {
    expect(cleanFloat(0.1 + 0.2)).toBe(0.3);
    expect(cleanFloat(5)).toBe(5);
  });
});

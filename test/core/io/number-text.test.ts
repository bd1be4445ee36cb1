import { describe, expect, it } from 'vitest';
import { formatCellNumber, parseCellNumber } from '../../../src-core/io/number-text';

describe('parseCellNumber', () => {
  it('reads the number forms spreadsheets put on the clipboard', () => {
    const read = (t: string) => {
      const p = parseCellNumber(t);
      return p.ok ? p.value : p.message;
    };
    expect(['-1', '0.5', '.5', '1e-3', '+2', ' 3 ', '2.', '-1.5E2'].map(read)).toEqual([
      -1, 0.5, 0.5, 0.001, 2, 3, 2, -150,
    ]);
  });

  it('refuses text, NaN, Infinity and empty cells with a message', () => {
    const msg = (t: string) => {
      const p = parseCellNumber(t);
      return p.ok ? 'accepted' : p.message;
    };
    expect(msg('abc')).toBe('"abc" is not a number');
    expect(msg('NaN')).toBe('"NaN" is not a number');
    expect(msg('Infinity')).toBe('"Infinity" is not a number');
    expect(msg('1e999')).toBe('"1e999" is too large');
    expect(msg('')).toBe('an empty cell is not a number');
    expect(msg('1,5')).toBe('"1,5" is not a number');
  });
});

describe('formatCellNumber', () => {
  it('rounds to the chosen decimals and never shows minus zero', () => {
    expect(formatCellNumber(0.756862819194793, 2)).toBe('0.76');
    expect(formatCellNumber(-0.001, 2)).toBe('0.00');
    expect(formatCellNumber(-0.006, 2)).toBe('-0.01');
    expect(formatCellNumber(Number.POSITIVE_INFINITY, 2)).toBe('∞');
  });
});

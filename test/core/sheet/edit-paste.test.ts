import { describe, expect, it } from 'vitest';
import { copyBlock, parseBlock, planPaste } from '../../../src-core/sheet/edit-paste';

describe('reading pasted spreadsheet text', () => {
  it('reads Excel (trailing CRLF), LibreOffice (trailing LF) and Google Sheets (no trailing newline) alike', () => {
    const rows = [
      [1, 1, 1],
      [0, 0, 0],
      [-1, -1, -1],
    ];
    expect(parseBlock('1\t1\t1\r\n0\t0\t0\r\n-1\t-1\t-1\r\n')).toEqual({ ok: true, rows });
    expect(parseBlock('1\t1\t1\n0\t0\t0\n-1\t-1\t-1\n')).toEqual({ ok: true, rows });
    expect(parseBlock('1\t1\t1\n0\t0\t0\n-1\t-1\t-1')).toEqual({ ok: true, rows });
    expect(parseBlock(' 0.5\t.25\t1e-3\n')).toEqual({ ok: true, rows: [[0.5, 0.25, 0.001]] });
  });

  it('refuses text that is not all numbers, naming row and column', () => {
    expect(parseBlock('1\t2\t3\n4\tfive\t6\n')).toEqual({
      ok: false,
      message: 'pasted row 2, column 2: "five" is not a number',
    });
    expect(parseBlock('1\t\t3\n')).toEqual({
      ok: false,
      message: 'pasted row 1, column 2: an empty cell is not a number',
    });
    expect(parseBlock('1\t2\n3\n')).toEqual({
      ok: false,
      message: 'pasted row 2 has 1 cells but row 1 has 2: paste a rectangular block',
    });
    expect(parseBlock('')).toEqual({ ok: false, message: 'the clipboard holds no cells' });
  });
});

describe('placing a pasted block', () => {
  // Filter 2 of a 2 x 1 x 3 x 3 bank: its cell (0, 0) is weight 9.
  const filter2 = { offset: 9, rows: 3, cols: 3 };

  it('lands a 3 x 3 block on the whole filter', () => {
    const plan = planPaste(filter2, { row: 0, col: 0, rows: 1, cols: 1 }, [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(plan.ok && plan.changes.map((c) => `${c.index}=${c.value}`)).toEqual([
      '9=1',
      '10=2',
      '11=3',
      '12=4',
      '13=5',
      '14=6',
      '15=7',
      '16=8',
      '17=9',
    ]);
  });

  it('one value fills the selection; a block that does not fit is refused', () => {
    const fill = planPaste(filter2, { row: 1, col: 1, rows: 2, cols: 2 }, [[0]]);
    expect(fill.ok && fill.changes.map((c) => c.index)).toEqual([13, 14, 16, 17]);
    expect(planPaste(filter2, { row: 1, col: 0, rows: 1, cols: 1 }, [[1], [2], [3]])).toEqual({
      ok: false,
      message: 'the pasted block is 3 x 1 but from row 2, column 1 there is room for 2 x 3',
    });
  });

  it('copies a range as Excel writes it and reads back the same numbers', () => {
    const values = [0, 0, 0, 0, 0.1 + 0.2, -2, 0, 3, -0];
    const text = copyBlock(values, { offset: 0, rows: 3, cols: 3 }, { row: 1, col: 1, rows: 2, cols: 2 });
    expect(text).toBe('0.30000000000000004\t-2\n3\t0\n');
    expect(parseBlock(text)).toEqual({
      ok: true,
      rows: [
        [0.1 + 0.2, -2],
        [3, 0],
      ],
    });
  });
});

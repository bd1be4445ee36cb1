import { describe, expect, it } from 'vitest';
import { gridSlice, readCsvGrid, writeCsvGrid, type CsvReadOptions } from '../../../src-core/io/csv';
import { tensor } from '../../../src-core/tensor';

/** The grid of a CSV that must read, as nested rows. */
function rows(text: string, options?: CsvReadOptions): number[][] {
  const r = readCsvGrid(text, options);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const { height, width, grid } = r.value;
  expect(grid.shape).toEqual([1, height, width]);
  return Array.from({ length: height }, (_, y) => Array.from(grid.data.subarray(y * width, (y + 1) * width)));
}

/** The messages of a CSV that must not read. */
function errors(text: string, options?: CsvReadOptions): string[] {
  const r = readCsvGrid(text, options);
  if (r.ok) throw new Error('expected errors, the CSV was read');
  return r.errors.map((e) => e.message);
}

describe('readCsvGrid: separators', () => {
  it('reads comma, semicolon and tab separated grids, detecting which', () => {
    const want = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    expect(rows('1,2,3\n4,5,6\n')).toEqual(want);
    expect(rows('1;2;3\n4;5;6\n')).toEqual(want);
    expect(rows('1\t2\t3\n4\t5\t6')).toEqual(want);
    expect(rows('1,2,3\r\n4,5,6\r\n')).toEqual(want);
  });

  it('reports which separator it found', () => {
    const r = readCsvGrid('1;2\n3;4\n');
    expect(r.ok && r.value.delimiter).toBe(';');
  });

  it('reads a single column (papaparse cannot detect a separator there, which is harmless)', () => {
    expect(rows('0.5\n-1\n2e-3\n')).toEqual([[0.5], [-1], [0.002]]);
  });

  it('with semicolons, reads a decimal comma as European spreadsheets write it', () => {
    expect(rows('0,5;1,25\n-2,5;3\n')).toEqual([
      [0.5, 1.25],
      [-2.5, 3],
    ]);
  });

  it('reads quoted numbers, spaces around numbers, a byte-order mark, blank lines and a trailing separator', () => {
    expect(rows('\uFEFF"1", 2 ,3,\n\n4,5,6,\n\n')).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('takes a separator given explicitly', () => {
    expect(rows('1;2\n3;4', { delimiter: ';' })).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe('readCsvGrid: header row', () => {
  it('detects a first row of names and skips it', () => {
    const r = readCsvGrid('x1,x2\n1,2\n3,4\n');
    expect(r.ok && r.value.header).toEqual(['x1', 'x2']);
    expect(rows('x1,x2\n1,2\n3,4\n')).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('takes no header when the first row is numbers', () => {
    const r = readCsvGrid('1,2\n3,4\n');
    expect(r.ok && r.value.header).toBe(null);
  });

  it('takes the first row as a header when asked, even a numeric one (pandas writes column numbers)', () => {
    expect(rows('0,1\n5,6\n', { header: true })).toEqual([[5, 6]]);
  });

  it('never drops a mixed first row silently: its text cell is an error', () => {
    expect(errors('1,two,3\n4,5,6\n')).toEqual(['row 1, column 2 (B1): "two" is not a number']);
  });

  it('header: false reads a names row as numbers, and so fails on it', () => {
    expect(errors('a,b\n1,2\n', { header: false })[0]).toBe('row 1, column 1 (A1): "a" is not a number');
  });
});

describe('readCsvGrid: scaling', () => {
  it("'255' divides every value by 255", () => {
    expect(rows('0,255\n51,102\n', { scale: '255' })).toEqual([
      [0, 1],
      [0.2, 0.4],
    ]);
  });

  it("'auto' divides when values exceed 1 and all lie in 0..255, and not otherwise", () => {
    expect(rows('0,255\n', { scale: 'auto' })).toEqual([[0, 1]]);
    expect(rows('0,0.5\n', { scale: 'auto' })).toEqual([[0, 0.5]]);
    const r = readCsvGrid('-3,300\n', { scale: 'auto' });
    expect(r.ok && r.value.scaled).toBe(false);
    expect(r.warnings[0]?.message).toBe(
      'values run from -3 to 300, not pixel values 0..255, so they were kept as written (not divided by 255)',
    );
  });

  it("keeps the numbers as written by default ('none')", () => {
    expect(rows('0,255\n')).toEqual([[0, 255]]);
  });
});

describe('readCsvGrid: errors name the row and column as a spreadsheet does', () => {
  it('a cell that is not a number', () => {
    expect(errors('1,2,3\n4,abc,6\n')).toEqual(['row 2, column 2 (B2): "abc" is not a number']);
  });

  it('an empty cell, NaN and Infinity', () => {
    expect(errors('1,,3\n')).toEqual(['row 1, column 2 (B1): an empty cell is not a number']);
    expect(errors('1,2\nNaN,4\n')).toEqual(['row 2, column 1 (A2): "NaN" is not a number']);
    expect(errors('1,2\n3,Infinity\n')).toEqual(['row 2, column 2 (B2): "Infinity" is not a number']);
  });

  it('rows count as the file counts them, blank lines included', () => {
    expect(errors('1,2\n\n3,x\n')).toEqual(['row 3, column 2 (B3): "x" is not a number']);
  });

  it('a ragged row names itself and the length expected', () => {
    expect(errors('1,2,3\n4,5,6\n7,8\n')).toEqual([
      'row 3 has 2 cells but row 1 has 3: every row of the grid needs the same number of cells (comma-separated)',
    ]);
  });

  it('an empty file, a blank file, a header alone', () => {
    expect(errors('')).toEqual(['the file is empty: a CSV grid needs at least one row of numbers']);
    expect(errors(' \n\n')).toEqual(['the file is empty: a CSV grid needs at least one row of numbers']);
    expect(errors('a,b\n')).toEqual(['the file has a header row but no rows of numbers']);
  });

  it('an unclosed quote', () => {
    expect(errors('1,2\n3,"4\n')).toEqual(['row 2: a quoted cell is not closed or has a stray quote (")']);
  });

  it('binary data behind a .csv name', () => {
    expect(errors('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR')).toEqual([
      'not a CSV text file: it holds binary data (is it an image or a spreadsheet?)',
    ]);
  });

  it('stops after five problems instead of listing every cell', () => {
    expect(errors('a,b,c\n1;2;3\nx,y,z\nq,r,s\n', { header: false })).toHaveLength(5);
  });

  it('a grid over the size limit', () => {
    expect(errors(`${'1,'.repeat(4096)}1\n`)).toEqual([
      'the grid is 1 x 4097 cells, over the limit of 4096 rows or columns',
    ]);
  });
});

describe('writeCsvGrid', () => {
  it('writes one line per row, full precision', () => {
    expect(writeCsvGrid([0.1, -2, 1 / 3, 0], 2, 2)).toBe('0.1,-2\r\n0.3333333333333333,0\r\n');
  });

  it('writes a decimal comma with semicolons when asked', () => {
    expect(writeCsvGrid([0.5, -1.25], 1, 2, { delimiter: ';', decimalComma: true })).toBe('0,5;-1,25\r\n');
  });

  it('export then import gives the same float64 values, -0 and extremes included', () => {
    const values = [
      Math.PI,
      -0,
      1e-300,
      -1.7976931348623157e308,
      0.1 + 0.2,
      5e-324,
      123456789.12345679,
      2 ** -52,
      7,
    ];
    for (const options of [
      {},
      { delimiter: ';' as const },
      { delimiter: '\t' as const },
      { delimiter: ';' as const, decimalComma: true },
    ]) {
      const r = readCsvGrid(writeCsvGrid(values, 3, 3, options));
      if (!r.ok) throw new Error(r.errors[0]?.message);
      expect(Array.from(r.value.grid.data)).toEqual(values);
      expect(Object.is(r.value.grid.data[1], -0)).toBe(true);
    }
  });
});

describe('gridSlice', () => {
  it('takes one channel of a map and one slice of a filter bank', () => {
    const map = tensor([2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(Array.from(gridSlice(map, [1]).values)).toEqual([6, 7, 8, 9, 10, 11]);
    const bank = tensor([2, 2, 1, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    const s = gridSlice(bank, [1, 0]);
    expect([s.height, s.width, ...s.values]).toEqual([1, 2, 5, 6]);
    expect(() => gridSlice(map, [2])).toThrow('grid [2] is outside a tensor of shape 2 x 2 x 3');
  });
});

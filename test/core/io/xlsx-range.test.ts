import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseA1Range, readXlsxRange } from '../../../src-core/io/xlsx-range';

function book(): ExcelJS.Workbook {
  const b = new ExcelJS.Workbook();
  b.addWorksheet('notes').getCell('A1').value = 'hello';
  const s = b.addWorksheet('digit');
  // B2:C3 = [[0.5, 1], [formula saved as 2, "0.25" typed as text]]
  s.getCell('B2').value = 0.5;
  s.getCell('C2').value = 1;
  s.getCell('B3').value = { formula: 'C2*2', result: 2 };
  s.getCell('C3').value = '0.25';
  s.getCell('D3').value = 'abc';
  s.getCell('E3').value = { formula: 'C2*3' };
  s.getCell('F3').value = { formula: 'C2-1', result: 0 };
  return b;
}

function messages(r: ReturnType<typeof readXlsxRange>): string[] {
  return r.ok ? [] : r.errors.map((e) => e.message);
}

describe('parseA1Range', () => {
  it('reads ranges, single cells, absolute references and reversed corners', () => {
    expect(parseA1Range('A2:AB29')).toEqual({ top: 2, left: 1, bottom: 29, right: 28 });
    expect(parseA1Range('$B$3')).toEqual({ top: 3, left: 2, bottom: 3, right: 2 });
    expect(parseA1Range('c3:a1')).toEqual({ top: 1, left: 1, bottom: 3, right: 3 });
    expect(parseA1Range('A0:B2')).toBe('"A0:B2": rows count from 1');
    expect(parseA1Range('rows 1-3')).toBe('"rows 1-3" is not a cell range such as A2:AB29');
  });
});

describe('readXlsxRange', () => {
  it('reads numbers, saved formula values and numbers typed as text', () => {
    const r = readXlsxRange(book(), 'B2:C3', 'digit');
    if (!r.ok) throw new Error(messages(r).join('\n'));
    expect(r.value.grid.shape).toEqual([1, 2, 2]);
    expect(Array.from(r.value.grid.data)).toEqual([0.5, 1, 2, 0.25]);
  });

  it('reads a formula saved with the value 0 (exceljs leaves a zero result out of cell.value)', () => {
    const r = readXlsxRange(book(), 'F3', 'digit');
    expect(r.ok && Array.from(r.value.grid.data)).toEqual([0]);
  });

  it('names the cell that holds no number', () => {
    expect(messages(readXlsxRange(book(), 'C3:D3', 'digit'))).toEqual([
      'D3 on sheet "digit" holds text: "abc" is not a number',
    ]);
    expect(messages(readXlsxRange(book(), 'A1', 'digit'))).toEqual(['A1 on sheet "digit" is empty']);
    expect(messages(readXlsxRange(book(), 'E3', 'digit'))).toEqual([
      'E3 on sheet "digit" is a formula saved without its value (open and save the file in Excel or LibreOffice first)',
    ]);
  });

  it('the first sheet by default; a missing sheet lists the others', () => {
    expect(messages(readXlsxRange(book(), 'A1'))).toEqual([
      'A1 on sheet "notes" holds text: "hello" is not a number',
    ]);
    expect(messages(readXlsxRange(book(), 'A1', 'conv-example'))).toEqual([
      'no sheet named "conv-example"; the workbook has "notes", "digit"',
    ]);
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { firstRunWorkbook } from '../../src-core/presets/workbooks';
import { evaluate } from '../../src-core/sheet/evaluate';
import { resolveWorkbook } from '../../src-core/sheet/shapes';
import { xlsxExport } from '../../src-renderer/files/exports';
import { defaultChoice, gridOf } from '../../src-renderer/files/import-options';
import { decodeInBrowser, readImportSource } from '../../src-renderer/files/import-source';
import { DEFAULT_VIEW } from '../../src-renderer/view';

// The .xlsx parts with exceljs's browser build, as the app loads it.

describe('xlsx in the browser', () => {
  it('exports the workbook with live formulas, named after the document', async () => {
    const r = resolveWorkbook(firstRunWorkbook());
    if (!r.ok) throw new Error('workbook');
    const out = await xlsxExport({
      resolved: r.value,
      evaluation: evaluate(r.value),
      view: DEFAULT_VIEW,
      documentName: 'digit edges.convsheet.json',
    });
    if (!out.ok) throw new Error(out.message);
    expect(out.file.name).toBe('digit edges.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((out.file.data as Uint8Array).slice().buffer);
    const formulas: string[] = [];
    book.worksheets[0]?.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'object' && cell.value !== null && 'formula' in cell.value)
          formulas.push(String(cell.value.formula));
      }),
    );
    // conv1: 2 maps of 26 x 26; relu1 the same; conv2 2 x 24 x 24, relu2, pool 2 x 12 x 12, 10 scores.
    expect(formulas.length).toBeGreaterThanOrEqual(2 * 26 * 26 * 2 + 2 * 24 * 24 * 2 + 2 * 12 * 12 + 10);
    expect(formulas.some((f) => f.startsWith('SUMPRODUCT('))).toBe(true);
  });

  it('imports a range of a sheet, as the fast.ai digit is A2:AB29', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('notes');
    const sheet = book.addWorksheet('conv-example');
    for (let r = 2; r <= 4; r++) for (let c = 1; c <= 3; c++) sheet.getCell(r, c).value = (r - 2) * 3 + c;
    sheet.getCell(4, 3).value = { formula: 'A4+B4', result: 15 };
    const data = new Uint8Array(await book.xlsx.writeBuffer());
    const source = await readImportSource({ name: 'conv.xlsx', data }, decodeInBrowser);
    if (!source.ok || source.source.kind !== 'xlsx') throw new Error(source.ok ? 'kind' : source.message);
    expect(source.source.book.sheets).toEqual([
      { name: 'notes', used: 'A1' },
      { name: 'conv-example', used: 'A2:C4' },
    ]);
    const first = defaultChoice(source.source, { channels: 1, height: 3, width: 3, dark: false });
    expect(first).toEqual({ kind: 'xlsx', sheet: 'notes', range: 'A1' });
    const grid = gridOf(source.source, { kind: 'xlsx', sheet: 'conv-example', range: 'A2:C4' });
    if (!grid.ok) throw new Error(grid.message);
    expect([...grid.grid.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 15]);
  });

  it('refuses a zip that is no spreadsheet, by name', async () => {
    const zipHead = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    const r = await readImportSource({ name: 'fake.xlsx', data: zipHead }, decodeInBrowser);
    expect(r.ok ? '' : r.message).toMatch(/^fake\.xlsx: not a readable \.xlsx spreadsheet \(/);
  });
});

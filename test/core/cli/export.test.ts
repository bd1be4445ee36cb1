import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

// `convsheet export WORKBOOK --xlsx FILE`. The formulas' values are checked against the engine with
// LibreOffice in test/core/io/xlsx-libreoffice.test.ts; here, the command itself.
const io = (name: string) => join(import.meta.dirname, '../../fixtures/io', name);
const dir = mkdtempSync(join(tmpdir(), 'convsheet-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('convsheet export --xlsx', () => {
  it('writes the spreadsheet and says how many cells and formulas it holds', async () => {
    const out = join(dir, 'tiny.xlsx');
    const run = runCli('export', io('tiny.convsheet.json'), '--xlsx', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // formulas: conv 2 x 2 = 4, ReLU 4, the flattened column for the dense layer 4, dense 2
    expect(JSON.parse(run.stdout)).toMatchObject({ xlsx: out, formulas: 14 });

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0];
    // input A..D rows 6-9 (A6 = 0.01), the all-ones filter F..H rows 6-8 (no bias), conv at J
    expect(sheet?.getCell('A6').value).toBe(0.01);
    expect(sheet?.getCell('H8').value).toBe(1);
    expect(sheet?.getCell('J6').formula).toBe('SUMPRODUCT(A6:C8,$F$6:$H$8)');
    expect(sheet?.getCell('J4').value).toBe('conv1: convolution, before activation (1 x 2 x 2)');
  });

  it('bad usage: no --xlsx, two workbooks (exit 2)', () => {
    expect(runCli('export', io('tiny.convsheet.json')).stderr).toBe(
      'convsheet: export needs --xlsx FILE (the spreadsheet to write) (see convsheet --help)\n',
    );
    expect(
      runCli('export', io('tiny.convsheet.json'), io('tiny.convsheet.json'), '--xlsx', join(dir, 'x.xlsx'))
        .code,
    ).toBe(2);
  });

  it('a file that cannot be written names it (exit 1)', () => {
    const out = join(dir, 'no-such-folder', 'x.xlsx');
    const run = runCli('export', io('tiny.convsheet.json'), '--xlsx', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`convsheet: ${out}: its folder does not exist\n`);
  });
});

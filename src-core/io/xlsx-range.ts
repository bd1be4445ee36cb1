/**
 * A range of an .xlsx sheet as a grid of numbers (1 x H x W), for the input or a filter: `A2:AB29` of the
 * fast.ai `conv-example.xlsx` is its digit. The file is read with exceljs, as the export writes it; this
 * takes any object shaped like the part of an exceljs Workbook it uses, so src-core stays free of
 * exceljs's Node types:
 *
 *   const book = new ExcelJS.Workbook();
 *   await book.xlsx.load(bytes);
 *   const grid = readXlsxRange(book, 'A2:AB29', 'conv-example');
 *
 * A formula cell gives the value saved with it (what the spreadsheet showed when it was saved).
 */
import { tensor, type Tensor } from '../tensor';
import { IssueList, type Result } from '../sheet/issues';
import { LIMITS } from '../sheet/limits';
import { cellAddress } from './a1';
import { parseCellNumber } from './number-text';

/** The part of an exceljs Workbook this uses. */
export interface XlsxSource {
  readonly worksheets: readonly {
    readonly name: string;
    getCell(row: number, col: number): { readonly value: unknown; readonly result?: unknown };
  }[];
}

/** A rectangle of cells, 1-based and inclusive. */
export interface A1Range {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** "A2:AB29" (or one cell "B3"; `$` signs allowed; corners in any order) as a range, or why not. */
export function parseA1Range(text: string): A1Range | string {
  const m = /^\s*\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?\s*$/.exec(text);
  if (m === null) return `"${text}" is not a cell range such as A2:AB29`;
  const c1 = columnNumber(m[1] ?? '');
  const r1 = Number(m[2]);
  const c2 = m[3] === undefined ? c1 : columnNumber(m[3]);
  const r2 = m[4] === undefined ? r1 : Number(m[4]);
  if (r1 < 1 || r2 < 1) return `"${text}": rows count from 1`;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/**
 * A cell's number, or why it has none. exceljs gives a formula as {formula, result} but leaves out a
 * result of 0 there (it copies only truthy fields), so the cell's own `result` is passed as well.
 */
function numberOf(value: unknown, cellResult?: unknown): number | string {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'is not a finite number';
  if (value === null || value === undefined || value === '') return 'is empty';
  if (typeof value === 'string') {
    const parsed = parseCellNumber(value);
    return parsed.ok ? parsed.value : `holds text: ${parsed.message}`;
  }
  if (typeof value === 'boolean') return `holds ${String(value).toUpperCase()}, not a number`;
  if (value instanceof Date) return 'holds a date, not a number';
  if (typeof value === 'object') {
    if ('error' in value) return `holds the error ${String(value.error)}`;
    if ('formula' in value || 'sharedFormula' in value) {
      const result = cellResult ?? ('result' in value ? value.result : undefined);
      if (result === undefined) {
        return 'is a formula saved without its value (open and save the file in Excel or LibreOffice first)';
      }
      const n = numberOf(result);
      return typeof n === 'number' ? n : `is a formula whose value ${n}`;
    }
    if ('richText' in value) return 'holds text, not a number';
  }
  return 'does not hold a number';
}

/**
 * The numbers of `range` on the sheet named `sheetName` (the first sheet when absent), as 1 x H x W.
 * Every cell must hold a number or a formula with a saved number; messages name the cell (`B3`).
 */
export function readXlsxRange(
  book: XlsxSource,
  range: string,
  sheetName?: string,
): Result<{ grid: Tensor; height: number; width: number; sheet: string }> {
  const issues = new IssueList();
  const sheet =
    sheetName === undefined ? book.worksheets[0] : book.worksheets.find((s) => s.name === sheetName);
  if (sheet === undefined) {
    const names = book.worksheets.map((s) => `"${s.name}"`).join(', ');
    issues.error(
      '',
      sheetName === undefined
        ? 'the workbook has no sheets'
        : `no sheet named "${sheetName}"; the workbook has ${names}`,
    );
    return issues.failure();
  }
  const r = parseA1Range(range);
  if (typeof r === 'string') {
    issues.error('', r);
    return issues.failure();
  }
  const height = r.bottom - r.top + 1;
  const width = r.right - r.left + 1;
  if (height > LIMITS.dimension || width > LIMITS.dimension) {
    issues.error(
      '',
      `the range is ${height} x ${width} cells, over the limit of ${LIMITS.dimension} rows or columns`,
    );
    return issues.failure();
  }
  const values = new Float64Array(height * width);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const address = cellAddress(r.top + y, r.left + x);
      const cell = sheet.getCell(r.top + y, r.left + x);
      const n = numberOf(cell.value, cell.result);
      if (typeof n === 'number') values[y * width + x] = n;
      else if (issues.errors.length < 5) issues.error(address, `${address} on sheet "${sheet.name}" ${n}`);
    }
  if (issues.errors.length > 0) return issues.failure();
  return issues.result({ grid: tensor([1, height, width], values), height, width, sheet: sheet.name });
}

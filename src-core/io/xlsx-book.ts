/**
 * A SheetPlan written into an exceljs Workbook. src-core does not import exceljs (its types pull in
 * Node's), so this takes any object shaped like the part of exceljs it uses; the CLI passes
 * `new ExcelJS.Workbook()` from Node, the app the same from exceljs's browser build, and each writes the
 * file its own way (`workbook.xlsx.writeFile` / `writeBuffer`).
 *
 *   const book = new ExcelJS.Workbook();
 *   fillWorkbook(book, plan);
 *   await book.xlsx.writeFile('digit.xlsx');
 */
import { SCALE_COLOURS, type Rgb } from './colour-scale';
import type { SheetPlan } from './xlsx-plan';
import type { CellStyle } from './xlsx-layout';

/** The part of an exceljs Cell this uses. */
export interface XlsxCellTarget {
  value: unknown;
  numFmt: unknown;
  font: unknown;
}

/** The part of an exceljs Worksheet this uses. */
export interface XlsxSheetTarget {
  getCell(row: number, col: number): XlsxCellTarget;
  getColumn(col: number): { width?: number };
  addConditionalFormatting(options: {
    ref: string;
    rules: {
      type: 'colorScale';
      priority: number;
      cfvo: { type: 'min' | 'max' | 'num'; value?: number }[];
      color: { argb: string }[];
    }[];
  }): void;
}

/** The part of an exceljs Workbook this uses. */
export interface XlsxWorkbookTarget {
  creator: string;
  calcProperties: { fullCalcOnLoad?: boolean };
  addWorksheet(name: string): XlsxSheetTarget;
}

function argb(c: Rgb): string {
  const hex = (v: number): string => Math.round(v).toString(16).padStart(2, '0').toUpperCase();
  return `FF${hex(c.r)}${hex(c.g)}${hex(c.b)}`;
}

/** Shown with 2 decimals, as the sheet; the cell keeps its full float64 value. */
const NUMBER_FORMAT = '0.00';
/** Values a person may edit in blue, formulas in black: the spreadsheet modeller's convention. */
const FONTS: Record<CellStyle, object> = {
  title: { bold: true, size: 12 },
  note: { italic: true, color: { argb: 'FF595959' } },
  label: { italic: true, size: 9, color: { argb: 'FF7F7F7F' } },
  input: { color: { argb: 'FF1F4E9E' } },
  weight: { color: { argb: 'FF1F4E9E' }, bold: true },
  formula: {},
  pad: { color: { argb: 'FFA6A6A6' } },
};

/** Column width (characters) of the grid columns: a 0.00 number and a little margin. */
const GRID_COLUMN_WIDTH = 6;

/** Fills `book` with one sheet holding the plan; the formulas carry no cached values. */
export function fillWorkbook(book: XlsxWorkbookTarget, plan: SheetPlan): void {
  book.creator = 'ConvSheet';
  // No cached results are written, so Excel must compute every formula when it opens the file.
  book.calcProperties.fullCalcOnLoad = true;
  const sheet = book.addWorksheet('convsheet');
  for (let col = 1; col <= plan.lastColumn; col++) sheet.getColumn(col).width = GRID_COLUMN_WIDTH;
  for (const cell of plan.cells) {
    const target = sheet.getCell(cell.row, cell.col);
    target.value = cell.formula === undefined ? (cell.value ?? null) : { formula: cell.formula };
    if (typeof cell.value !== 'string') target.numFmt = NUMBER_FORMAT;
    const font = FONTS[cell.style];
    if (Object.keys(font).length > 0) target.font = font;
  }
  // The sheet's diverging scale: blue below zero, white at zero, red above, live as values change.
  const colours = [SCALE_COLOURS.negative, SCALE_COLOURS.white, SCALE_COLOURS.positive].map((c) => ({
    argb: argb(c),
  }));
  plan.colourRanges.forEach((ref, i) => {
    sheet.addConditionalFormatting({
      ref,
      rules: [
        {
          type: 'colorScale',
          priority: i + 1,
          cfvo: [{ type: 'min' }, { type: 'num', value: 0 }, { type: 'max' }],
          color: colours,
        },
      ],
    });
  });
}

/**
 * The workbook as an .xlsx with live formulas, the same file `convsheet export --xlsx` writes
 * (src-core/io/xlsx-plan.ts says what goes where), built with exceljs's browser build.
 */
import { fillWorkbook } from '../../src-core/io/xlsx-book';
import { planSheet } from '../../src-core/io/xlsx-plan';
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';

export type XlsxOutcome =
  { readonly ok: true; readonly data: Uint8Array } | { readonly ok: false; readonly message: string };

export async function workbookXlsx(resolved: ResolvedWorkbook): Promise<XlsxOutcome> {
  const plan = planSheet(resolved);
  if (!plan.ok) return { ok: false, message: plan.errors.map((e) => e.message).join('; ') };
  // Loaded only here: exceljs is large, and only an .xlsx import or export needs it.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  fillWorkbook(book, plan.value);
  const buffer = await book.xlsx.writeBuffer();
  return { ok: true, data: new Uint8Array(buffer) };
}

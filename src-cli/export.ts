/**
 * `convsheet export WORKBOOK --xlsx FILE`: the workbook as a spreadsheet with live formulas
 * (src-core/io/xlsx-plan.ts says what goes where). Prints {"xlsx": FILE, "cells": N, "formulas": N}.
 */
import { fillWorkbook } from '../src-core/io/xlsx-book';
import { planSheet } from '../src-core/io/xlsx-plan';
import { InputError, parseArgs, UsageError } from './args';
import { issueLine, loadWorkbook } from './workbook-file';

export async function exportCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['xlsx']);
  const [path, ...extra] = args.positional;
  if (path === undefined) throw new UsageError('export needs a WORKBOOK file');
  if (extra.length > 0) throw new UsageError(`export takes one WORKBOOK, got also "${extra.join(' ')}"`);
  const out = args.options.get('xlsx');
  if (out === undefined) throw new UsageError('export needs --xlsx FILE (the spreadsheet to write)');

  const resolved = loadWorkbook(path, 'all');
  const plan = planSheet(resolved);
  if (!plan.ok) throw new InputError(issueLine(path, plan.errors));

  // Loaded only here: exceljs is large, and eval, learn and summary do not need it.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  fillWorkbook(book, plan.value);
  try {
    await book.xlsx.writeFile(out);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EISDIR'
          ? 'is a folder'
          : 'cannot be written';
    throw new InputError(`${out}: ${why}`);
  }
  const formulas = plan.value.cells.filter((c) => c.formula !== undefined).length;
  process.stdout.write(`${JSON.stringify({ xlsx: out, cells: plan.value.cells.length, formulas })}\n`);
}

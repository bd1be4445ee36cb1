/**
 * The Export menu's entries for what is selected, and the files they make. Each file is handed to
 * desktop.ts, which shows a save dialog in the desktop app and downloads it in a browser.
 */
import type { Evaluation } from '../../src-core/sheet/evaluate';
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';
import type { BlockSpec, GridSpec } from '../sheet-model';
import type { ViewSettings } from '../view';
import { baseName, exportFileName, safeFileBase } from './document';
import { gridCsv, gridPng, gridValues, sheetLimit, windowGrid, type PngMode } from './grid-export';
import { targetsOf } from './import-target';
import { layoutProblem, layoutSheet, sheetPng } from './sheet-png';
import { workbookXlsx } from './xlsx-export';

export interface ExportFile {
  readonly name: string;
  readonly data: Uint8Array | string;
}

export type ExportOutcome =
  { readonly ok: true; readonly file: ExportFile } | { readonly ok: false; readonly message: string };

export interface ExportContext {
  readonly resolved: ResolvedWorkbook;
  readonly evaluation: Evaluation;
  readonly view: ViewSettings;
  /** The document's file name, which every export's name starts with. */
  readonly documentName: string;
}

/** One entry of the Export menu that concerns the selected grid. */
export interface GridExport {
  readonly id: string;
  readonly label: string;
  readonly make: () => ExportOutcome;
}

/** What the selected grid can be exported as: CSV, its whole filter as CSV, PNG heatmap and grayscale. */
export function gridExports(c: ExportContext, grid: GridSpec): GridExport[] {
  const csv = (g: Pick<GridSpec, 'source' | 'offset' | 'rows' | 'cols'>, what: string): ExportOutcome => {
    const values = gridValues(c.resolved, c.evaluation, g);
    if (values === null) return { ok: false, message: `${what} has no values to export` };
    return {
      ok: true,
      file: { name: exportFileName(c.documentName, what, 'csv'), data: gridCsv(values, g.rows, g.cols) },
    };
  };
  const png = (mode: PngMode): ExportOutcome => {
    const values = gridValues(c.resolved, c.evaluation, grid);
    if (values === null) return { ok: false, message: `${grid.label} has no values to export` };
    const limit = sheetLimit(c.resolved, c.evaluation, grid, c.view);
    const data = gridPng(values, grid.rows, grid.cols, mode, c.view, limit);
    return {
      ok: true,
      file: {
        name: exportFileName(c.documentName, `${grid.label}${mode === 'gray' ? ' gray' : ''}`, 'png'),
        data,
      },
    };
  };
  const entries: GridExport[] = [
    { id: 'csv', label: `${grid.label} as CSV`, make: () => csv(grid, grid.label) },
  ];
  const whole = targetsOf(c.resolved, grid).find((t) => t.kind === 'window' && t.channels > 1);
  if (whole?.kind === 'window')
    entries.push({
      id: 'filter-csv',
      label: `${whole.label} as CSV`,
      make: () => csv(windowGrid(whole), whole.label),
    });
  entries.push(
    { id: 'png-heatmap', label: `${grid.label} as PNG, in the sheet's colours`, make: () => png('heatmap') },
    { id: 'png-gray', label: `${grid.label} as PNG, grayscale (0 black, 1 white)`, make: () => png('gray') },
  );
  return entries;
}

/** Chosen blocks of the sheet as one PNG. */
export async function sheetPngExport(
  c: ExportContext,
  blocks: readonly BlockSpec[],
  cell: number,
): Promise<ExportOutcome> {
  const layout = layoutSheet(blocks, { cell });
  const problem = layoutProblem(layout);
  if (problem !== null) return { ok: false, message: `Not exported: ${problem}` };
  const data = await sheetPng(layout, c.view, (g) => ({
    values: gridValues(c.resolved, c.evaluation, g) ?? new Float64Array(g.rows * g.cols),
    limit: sheetLimit(c.resolved, c.evaluation, g, c.view),
  }));
  const what = blocks.length === 1 ? (blocks[0]?.title.split(' · ')[0] ?? 'sheet') : 'sheet';
  return { ok: true, file: { name: exportFileName(c.documentName, what, 'png'), data } };
}

export async function xlsxExport(c: ExportContext): Promise<ExportOutcome> {
  const r = await workbookXlsx(c.resolved);
  if (!r.ok) return { ok: false, message: `Not exported to Excel: ${r.message}` };
  return { ok: true, file: { name: `${safeFileBase(baseName(c.documentName))}.xlsx`, data: r.data } };
}

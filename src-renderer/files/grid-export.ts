/**
 * One grid of the sheet out as a file: CSV (exact: it reads back to the same float64 values) or PNG,
 * either a heatmap in the sheet's colours, saturating where the sheet's own normalisation makes it
 * saturate, or grayscale, 0 black and 1 white, which an image import reads back to within 1/255.
 */
import { encode } from 'fast-png';
import { maxAbs } from '../../src-core/io/colour-scale';
import { writeCsvGrid } from '../../src-core/io/csv';
import { gridToRgba } from '../../src-core/io/image-channels';
import { targetValues } from '../../src-core/sheet/edit';
import type { Evaluation } from '../../src-core/sheet/evaluate';
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';
import type { ViewSettings } from '../view';
import type { WindowTarget } from './import-target';
import type { GridSpec } from '../sheet-model';

/** The numbers a grid shows, row-major (a view, not a copy), or null when it holds none. */
export function gridValues(
  resolved: ResolvedWorkbook,
  evaluation: Evaluation,
  grid: Pick<GridSpec, 'source' | 'offset' | 'rows' | 'cols'>,
): Float64Array | null {
  const base = tensorValues(resolved, evaluation, grid.source);
  if (base === null) return null;
  return base.subarray(grid.offset, grid.offset + grid.rows * grid.cols);
}

/** The whole tensor a grid is a window of: the input, a layer's output, a weight or a bias. */
function tensorValues(
  resolved: ResolvedWorkbook,
  evaluation: Evaluation,
  source: GridSpec['source'],
): Float64Array | null {
  if (source.kind === 'parameter') return targetValues(resolved.workbook, source.target);
  if (source.layer === -1) return resolved.workbook.input.data;
  return evaluation.outputs[source.layer]?.data ?? null;
}

/** CSV text of a grid, or of a window such as a whole filter (its slices stacked). */
export function gridCsv(values: Float64Array, rows: number, cols: number): string {
  return writeCsvGrid(values, rows, cols);
}

/** A whole filter as a grid: its slices stacked top to bottom (a window of the weight tensor). */
export function windowGrid(window: WindowTarget): Pick<GridSpec, 'source' | 'offset' | 'rows' | 'cols'> {
  if (window.target.kind === 'input') throw new RangeError('the input is not a window');
  return {
    source: { kind: 'parameter', target: window.target },
    offset: window.offset,
    rows: window.rows,
    cols: window.cols,
  };
}

/**
 * Where a grid's colours saturate on the sheet: its own largest |value| (normalise "grid"), its layer's
 * or tensor's ("layer"), or for maps every map's ("sheet"); parameters share one scale per tensor
 * whenever the sheet does not normalise each grid on its own, as the sheet draws them.
 */
export function sheetLimit(
  resolved: ResolvedWorkbook,
  evaluation: Evaluation,
  grid: Pick<GridSpec, 'source' | 'offset' | 'rows' | 'cols'>,
  view: ViewSettings,
): number {
  if (view.normalise === 'grid') return maxAbs(gridValues(resolved, evaluation, grid) ?? []);
  if (grid.source.kind === 'map' && view.normalise === 'sheet') {
    let m = maxAbs(resolved.workbook.input.data ?? []);
    for (const out of evaluation.outputs) m = Math.max(m, maxAbs(out.data));
    return m;
  }
  return maxAbs(tensorValues(resolved, evaluation, grid.source) ?? []);
}

export type PngMode = 'heatmap' | 'gray';

/** Pixels per cell in an exported PNG: a 28 x 28 map becomes 252 x 252, as the command line draws it. */
export function pngCellSize(rows: number, cols: number): number {
  return Math.max(1, Math.floor(256 / Math.max(rows, cols)));
}

/**
 * A grid as PNG bytes. Gray maps 0..1 to black..white (clamped) at one pixel per cell, so importing the
 * file at its own size gives the grid back to within 1/255; heatmaps are drawn larger, for slides.
 */
export function gridPng(
  values: Float64Array,
  rows: number,
  cols: number,
  mode: PngMode,
  view: ViewSettings,
  limit: number,
): Uint8Array {
  const rgba =
    mode === 'gray'
      ? gridToRgba(values, rows, cols, { mode: 'gray', range: [0, 1] })
      : gridToRgba(values, rows, cols, {
          mode: 'heatmap',
          scale: view.scale,
          limit,
          cellSize: pngCellSize(rows, cols),
        });
  return encode({ width: rgba.width, height: rgba.height, data: rgba.data, channels: 4, depth: 8 });
}

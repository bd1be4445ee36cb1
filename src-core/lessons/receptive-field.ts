/**
 * Receptive fields: the region of every grid, back to the input, that one cell depends on. For stacked
 * 3 x 3 valid convolutions it grows 3 x 3, 5 x 5, 7 x 7; a 2 x 2 pool doubles it. The size read out per
 * grid is the bounding box of the cell's precedents there (over all channels), as courses draw it.
 */
import { markedBox, precedents, type CellRef } from '../sheet/precedents';
import type { ResolvedWorkbook } from '../sheet/shapes';

export interface FieldSize {
  /** -1 for the input. */
  readonly layer: number;
  /** "Input", or the layer's name. */
  readonly name: string;
  /** Bounding box of the cells the selected cell depends on, in that grid's rows and columns. */
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly cols: number;
  /** How many cells of that grid (all channels) it depends on. */
  readonly cells: number;
}

/** The field of `cell` in its own grid (1 x 1) and in every grid before it, the input last. */
export function receptiveFieldGrowth(resolved: ResolvedWorkbook, cell: CellRef): FieldSize[] {
  const masks = precedents(resolved, cell);
  const sizes: FieldSize[] = [];
  for (let g = cell.layer; g >= -1; g--) {
    const mask = masks[g + 1];
    const shape = g === -1 ? resolved.inputShape : resolved.layers[g]?.outputShape;
    if (mask === undefined || shape === undefined) continue;
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (let c = 0; c < shape[0]; c++) {
      const box = markedBox(mask, shape, c);
      if (box === null) continue;
      top = Math.min(top, box.top);
      left = Math.min(left, box.left);
      bottom = Math.max(bottom, box.top + box.rows - 1);
      right = Math.max(right, box.left + box.cols - 1);
    }
    if (bottom < 0) continue;
    const name = g === -1 ? 'Input' : (resolved.layers[g]?.layer.name ?? `layers[${g}]`);
    const cells = mask.reduce((n, v) => n + v, 0);
    sizes.push({ layer: g, name, top, left, rows: bottom - top + 1, cols: right - left + 1, cells });
  }
  return sizes;
}

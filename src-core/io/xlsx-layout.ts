/**
 * Where things go on the exported sheet: blocks laid out left to right as the app's sheet lays them out,
 * one column between blocks, each with a title row. A C x H x W map is C grids stacked top to bottom,
 * each under a label row; a N x 1 x 1 vector (a dense layer's output, a flattened map) is one column,
 * beside a column of its indices. This file knows nothing of formulas: it places cells and remembers
 * where every element of every tensor went, so formulas (xlsx-formulas.ts) can refer to them.
 */
import { paddedSource, type Pads } from '../ops/padding';
import type { PaddingMode } from '../ops/geometry';
import { rangeAddress } from './a1';

/** How a cell looks: values a person may edit (input, weight) are set apart from formulas. */
export type CellStyle = 'title' | 'note' | 'label' | 'input' | 'weight' | 'formula' | 'pad';

export interface SheetCell {
  /** 1-based row and column. */
  readonly row: number;
  readonly col: number;
  /** A number (input, weights, zero padding) or text (titles, labels); absent for a formula. */
  readonly value?: number | string;
  /** The formula without its leading "=". */
  readonly formula?: string;
  readonly style: CellStyle;
}

/** What a block shows, so a reader (or a test) can find a tensor's cells. */
export type BlockRole = 'input' | 'filters' | 'bias' | 'weights' | 'output' | 'flatten';

export interface SheetBlock {
  readonly title: string;
  readonly role: BlockRole;
  /** Index of the layer the block belongs to; -1 for the input. */
  readonly layer: number;
  /** The tensor's shape (C x H x W for maps, OUT x IN x KH x KW for filters, OUT x IN for dense). */
  readonly shape: readonly number[];
  /** rows[i], cols[i]: the cell of the tensor's element i, row-major (PyTorch order). */
  readonly rows: Int32Array;
  readonly cols: Int32Array;
}

/** Excel's sheet size; LibreOffice 7.4 reads the same. */
export const SHEET_LIMITS = { rows: 1_048_576, columns: 16_384 } as const;

/** Row of the block titles; rows 1-2 hold the workbook's name and a note. */
export const TITLE_ROW = 4;
/** First row under a block's title. */
const FIRST_ROW = TITLE_ROW + 1;

/** Collects the cells of the sheet and the ranges that get a colour scale. */
export class SheetBuilder {
  readonly cells: SheetCell[] = [];
  readonly blocks: SheetBlock[] = [];
  /** A1 ranges coloured with the sheet's diverging scale, one per grid. */
  readonly colourRanges: string[] = [];
  /** The next free column for a block. */
  column = 1;
  lastRow = 1;
  lastColumn = 1;

  put(cell: SheetCell): void {
    this.cells.push(cell);
    if (cell.row > this.lastRow) this.lastRow = cell.row;
    if (cell.col > this.lastColumn) this.lastColumn = cell.col;
  }

  /** Reserves `width` columns for the next block, leaving one empty column after it. */
  take(width: number): number {
    const col = this.column;
    this.column += width + 1;
    return col;
  }
}

/** A value or a formula for one cell. */
export type CellContent = { readonly value: number } | { readonly formula: string };

/**
 * A C x H x W tensor on the sheet. `grid`: channel c is an (H + pads) x (W + pads) grid whose padded
 * corner is at (origin[c], col); `column`: element i at (top + i, col).
 */
export interface MapLayout {
  readonly kind: 'grid' | 'column';
  readonly shape: readonly [number, number, number];
  readonly pads: Pads;
  readonly origin: readonly number[];
  readonly col: number;
  readonly top: number;
}

export const NO_PADS: Pads = { padTop: 0, padBottom: 0, padLeft: 0, padRight: 0 };

/** The cell of element (c, y, x), y and x counted inside the padding (0 = first real row). */
export function cellOf(m: MapLayout, c: number, y: number, x: number): [number, number] {
  if (m.kind === 'column') return [m.top + (c * m.shape[1] + y) * m.shape[2] + x, m.col];
  return [(m.origin[c] ?? 0) + m.pads.padTop + y, m.col + m.pads.padLeft + x];
}

/** The range of rows y0..y1 and columns x0..x1 of channel c (inclusive, counted inside the padding). */
export function rangeOf(m: MapLayout, c: number, y0: number, x0: number, y1: number, x1: number): string {
  const [top, left] = cellOf(m, c, y0, x0);
  const [bottom, right] = cellOf(m, c, y1, x1);
  return rangeAddress(top, left, bottom, right);
}

/** The whole tensor as one range: only a column layout is contiguous. */
export function columnRange(m: MapLayout, absolute = false): string {
  const n = m.shape[0] * m.shape[1] * m.shape[2];
  return rangeAddress(m.top, m.col, m.top + n - 1, m.col, absolute);
}

/** Title text with the shape written the course's way. */
export function titled(name: string, shape: readonly number[]): string {
  return `${name} (${shape.join(' x ')})`;
}

/**
 * Places a C x H x W map. A map of 1 x 1 cells with no padding becomes a column (with its indices to the
 * left); anything else C grids with `pads` around each, the border filled as `mode` pads: zeros as 0,
 * reflect/replicate/circular as formulas copying the cell PyTorch's F.pad copies.
 */
export function placeMap(
  sheet: SheetBuilder,
  title: string,
  role: BlockRole,
  layer: number,
  shape: readonly [number, number, number],
  channelWord: string,
  content: (c: number, y: number, x: number) => CellContent,
  style: CellStyle,
  pads: Pads = NO_PADS,
  mode: PaddingMode = 'zeros',
): MapLayout {
  const [c, h, w] = shape;
  const n = c * h * w;
  const padded = pads.padTop + pads.padBottom + pads.padLeft + pads.padRight > 0;
  const rows = new Int32Array(n);
  const cols = new Int32Array(n);
  if (h === 1 && w === 1 && !padded) {
    const col = sheet.take(2) + 1;
    sheet.put({ row: TITLE_ROW, col: col - 1, value: title, style: 'title' });
    sheet.put({ row: FIRST_ROW, col: col - 1, value: 'index', style: 'label' });
    sheet.put({ row: FIRST_ROW, col, value: channelWord, style: 'label' });
    const layout: MapLayout = { kind: 'column', shape, pads: NO_PADS, origin: [], col, top: FIRST_ROW + 1 };
    for (let i = 0; i < n; i++) {
      sheet.put({ row: layout.top + i, col: col - 1, value: i, style: 'label' });
      sheet.put({ row: layout.top + i, col, ...content(i, 0, 0), style });
      rows[i] = layout.top + i;
      cols[i] = col;
    }
    sheet.colourRanges.push(columnRange(layout));
    sheet.blocks.push({ title, role, layer, shape, rows, cols });
    return layout;
  }
  const ph = h + pads.padTop + pads.padBottom;
  const pw = w + pads.padLeft + pads.padRight;
  const col = sheet.take(pw);
  sheet.put({ row: TITLE_ROW, col, value: title, style: 'title' });
  const origin: number[] = [];
  let row = FIRST_ROW;
  for (let ch = 0; ch < c; ch++) {
    sheet.put({ row, col, value: `${channelWord} ${ch + 1}`, style: 'label' });
    origin.push(row + 1);
    row += ph + 2;
  }
  const layout: MapLayout = { kind: 'grid', shape, pads, origin, col, top: FIRST_ROW };
  for (let ch = 0; ch < c; ch++) {
    const top = origin[ch] ?? 0;
    for (let py = 0; py < ph; py++) {
      const sy = paddedSource(py, h, pads.padTop, mode);
      for (let px = 0; px < pw; px++) {
        const sx = paddedSource(px, w, pads.padLeft, mode);
        const y = py - pads.padTop;
        const x = px - pads.padLeft;
        const at = { row: top + py, col: col + px };
        if (y >= 0 && y < h && x >= 0 && x < w) {
          sheet.put({ ...at, ...content(ch, y, x), style });
          const i = (ch * h + y) * w + x;
          rows[i] = at.row;
          cols[i] = at.col;
        } else if (sy < 0 || sx < 0) {
          sheet.put({ ...at, value: 0, style: 'pad' });
        } else {
          const [r, q] = cellOf(layout, ch, sy, sx);
          sheet.put({ ...at, formula: rangeAddress(r, q, r, q), style: 'pad' });
        }
      }
    }
    sheet.colourRanges.push(rangeOf(layout, ch, 0, 0, h - 1, w - 1));
  }
  sheet.blocks.push({ title, role, layer, shape, rows, cols });
  return layout;
}

/** A conv layer's filter bank OUT x IN x KH x KW: each filter's IN slices stacked, then its bias. */
export interface FilterLayout {
  /** sliceOrigin[o][c]: the top-left cell of slice (o, c). */
  readonly sliceOrigin: readonly (readonly number[])[];
  readonly col: number;
  /** The bias cell of filter o (row, col), or null for a bias-free layer. */
  readonly bias: readonly ([number, number] | null)[];
}

export function placeFilters(
  sheet: SheetBuilder,
  title: string,
  layer: number,
  weight: Float64Array,
  shape: readonly [number, number, number, number],
  bias: Float64Array | null,
): FilterLayout {
  const [out, cin, kh, kw] = shape;
  const col = sheet.take(kw);
  sheet.put({ row: TITLE_ROW, col, value: title, style: 'title' });
  const rows = new Int32Array(weight.length);
  const cols = new Int32Array(weight.length);
  const sliceOrigin: number[][] = [];
  const biasCells: ([number, number] | null)[] = [];
  let row = FIRST_ROW;
  for (let o = 0; o < out; o++) {
    const origins: number[] = [];
    for (let c = 0; c < cin; c++) {
      sheet.put({
        row,
        col,
        value: cin === 1 ? `filter ${o + 1}` : `filter ${o + 1}, channel ${c + 1}`,
        style: 'label',
      });
      origins.push(row + 1);
      for (let i = 0; i < kh; i++)
        for (let j = 0; j < kw; j++) {
          const k = ((o * cin + c) * kh + i) * kw + j;
          sheet.put({ row: row + 1 + i, col: col + j, value: weight[k] ?? 0, style: 'weight' });
          rows[k] = row + 1 + i;
          cols[k] = col + j;
        }
      sheet.colourRanges.push(rangeAddress(row + 1, col, row + kh, col + kw - 1));
      row += kh + 1;
    }
    sliceOrigin.push(origins);
    if (bias === null) biasCells.push(null);
    else {
      sheet.put({ row, col, value: `bias ${o + 1}`, style: 'label' });
      sheet.put({ row: row + 1, col, value: bias[o] ?? 0, style: 'weight' });
      biasCells.push([row + 1, col]);
      row += 2;
    }
    row += 1;
  }
  sheet.blocks.push({ title, role: 'filters', layer, shape, rows, cols });
  if (bias !== null) {
    const br = new Int32Array(out);
    const bc = new Int32Array(out);
    biasCells.forEach((cell, o) => {
      br[o] = cell?.[0] ?? 0;
      bc[o] = cell?.[1] ?? 0;
    });
    sheet.blocks.push({ title: `${title} bias`, role: 'bias', layer, shape: [out], rows: br, cols: bc });
  }
  return { sliceOrigin, col, bias: biasCells };
}

/**
 * A dense weight OUT x IN, transposed: row i is input feature i, column o output o, so that column o
 * sits beside the flattened input and `SUMPRODUCT(input column, weight column o)` is output o. The
 * bias row comes below the matrix.
 */
export interface DenseLayout {
  readonly top: number;
  readonly col: number;
  /** Row of the bias values, or null for a bias-free layer. */
  readonly biasRow: number | null;
}

export function placeDenseWeights(
  sheet: SheetBuilder,
  title: string,
  layer: number,
  weight: Float64Array,
  shape: readonly [number, number],
  bias: Float64Array | null,
  top: number,
): DenseLayout {
  const [out, nin] = shape;
  const col = sheet.take(out);
  sheet.put({ row: TITLE_ROW, col, value: title, style: 'title' });
  const rows = new Int32Array(weight.length);
  const cols = new Int32Array(weight.length);
  for (let o = 0; o < out; o++) {
    sheet.put({ row: top - 1, col: col + o, value: `out ${o}`, style: 'label' });
    for (let i = 0; i < nin; i++) {
      sheet.put({ row: top + i, col: col + o, value: weight[o * nin + i] ?? 0, style: 'weight' });
      rows[o * nin + i] = top + i;
      cols[o * nin + i] = col + o;
    }
  }
  sheet.colourRanges.push(rangeAddress(top, col, top + nin - 1, col + out - 1));
  sheet.blocks.push({ title, role: 'weights', layer, shape, rows, cols });
  if (bias === null) return { top, col, biasRow: null };
  const biasRow = top + nin + 1;
  sheet.put({ row: biasRow - 1, col, value: 'bias', style: 'label' });
  const br = new Int32Array(out).fill(biasRow);
  const bc = new Int32Array(out);
  for (let o = 0; o < out; o++) {
    sheet.put({ row: biasRow, col: col + o, value: bias[o] ?? 0, style: 'weight' });
    bc[o] = col + o;
  }
  sheet.blocks.push({ title: `${title} bias`, role: 'bias', layer, shape: [out], rows: br, cols: bc });
  return { top, col, biasRow };
}

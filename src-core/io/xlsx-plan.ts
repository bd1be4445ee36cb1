/**
 * The workbook as a live spreadsheet, in the spirit of the fast.ai `conv-example.xlsx`: the input, every
 * filter and bias are values; every conv, activation, pool and dense cell is a formula over the cells
 * that feed it, so editing a filter in Excel or LibreOffice recomputes the maps there.
 *
 * Formulas, per layer (the maths of CONTRACTS.md section 1, written in spreadsheet functions):
 * - conv2d: one `SUMPRODUCT(window, filter slice)` per input channel, plus the bias cell. Padding is a
 *   border around the block that feeds the conv: zeros as 0, reflect/replicate/circular as formulas
 *   copying the cell F.pad copies. Stride moves the window by whole cells; with dilation or `flip` the
 *   taps are not one rectangle in the same order, so the products are written out one by one.
 *   (`SUM(window*filter)` would be an array formula, which LibreOffice answers #VALUE! unless entered
 *   as one; SUMPRODUCT works as a plain formula everywhere.)
 * - relu `MAX(0,x)`, leaky_relu `IF(x>0,x,slope*x)`, sigmoid `1/(1+EXP(-x))`, tanh `TANH(x)`: a block of
 *   their own, so the raw conv and its activation sit side by side as in the app.
 * - maxpool2d `MAX(window)`, avgpool2d `AVERAGE(window)`; with padding the window is clipped to the
 *   map (max padding is -infinity and never wins) and countIncludePad divides the clipped SUM by KH*KW.
 * - dense: `SUMPRODUCT(flattened input column, weight column)` + bias; softmax
 *   `EXP(x-MAX(v))/SUMPRODUCT(EXP(v-MAX(v)))` (the max subtracted, so large scores do not overflow).
 */
import { sizeOf } from '../tensor';
import { formatCount, IssueList, type Result } from '../sheet/issues';
import { missingData } from '../sheet/data';
import type { ResolvedLayer, ResolvedWorkbook } from '../sheet/shapes';
import type { Shape3 } from '../sheet/types';
import { cellAddress, rangeAddress } from './a1';
import {
  cellOf,
  columnRange,
  NO_PADS,
  placeDenseWeights,
  placeFilters,
  placeMap,
  rangeOf,
  SHEET_LIMITS,
  SheetBuilder,
  titled,
  type CellContent,
  type MapLayout,
  type SheetBlock,
  type SheetCell,
} from './xlsx-layout';

export interface SheetPlan {
  readonly name: string;
  readonly cells: readonly SheetCell[];
  readonly blocks: readonly SheetBlock[];
  readonly colourRanges: readonly string[];
  readonly lastRow: number;
  readonly lastColumn: number;
}

/**
 * Limits of the export: Excel allows 8,192 characters in a formula and 255 arguments in a function;
 * a sheet of over a million cells takes minutes and gigabytes to write and to open.
 */
export const XLSX_LIMITS = { cells: 1_000_000, formulaLength: 8192, arguments: 255 } as const;

class Unexpressible extends Error {}

/** The sheet of a workbook whose values are all present, or the reasons it cannot be written. */
export function planSheet(resolved: ResolvedWorkbook): Result<SheetPlan> {
  const issues = new IssueList();
  const wb = resolved.workbook;
  for (const missing of missingData(wb)) issues.error(missing.path, missing.message);
  if (issues.errors.length > 0) return issues.failure();
  const cells = estimateCells(resolved);
  if (cells > XLSX_LIMITS.cells) {
    issues.error(
      '',
      `the spreadsheet would hold about ${formatCount(cells)} cells, over the export limit of ` +
        `${formatCount(XLSX_LIMITS.cells)}; export a smaller input or fewer layers`,
    );
    return issues.failure();
  }
  const sheet = new SheetBuilder();
  const name = wb.name ?? 'ConvSheet workbook';
  sheet.put({ row: 1, col: 1, value: name, style: 'title' });
  sheet.put({
    row: 2,
    col: 1,
    value:
      'Written by ConvSheet. The input, filters, weights and biases are values (blue): edit one and every ' +
      'map after it recomputes. Every other number is a formula. Grey cells are padding.',
    style: 'note',
  });
  const input = wb.input.data ?? new Float64Array(0);
  let current = placeMap(
    sheet,
    titled('input', wb.input.shape),
    'input',
    -1,
    wb.input.shape,
    'channel',
    (c, y, x) => ({ value: input[(c * wb.input.shape[1] + y) * wb.input.shape[2] + x] ?? 0 }),
    'input',
    ...padsFor(resolved.layers[0]),
  );
  for (const r of resolved.layers) {
    try {
      current = placeLayer(sheet, r, current, resolved.layers[r.index + 1]);
    } catch (error) {
      if (!(error instanceof Unexpressible)) throw error;
      issues.error(`layers[${r.index}]`, `${r.label}: ${error.message}`);
      return issues.failure();
    }
  }
  if (sheet.lastRow > SHEET_LIMITS.rows || sheet.lastColumn > SHEET_LIMITS.columns) {
    issues.error(
      '',
      `the spreadsheet would be ${formatCount(sheet.lastRow)} rows by ${formatCount(sheet.lastColumn)} ` +
        `columns, over a sheet's ${formatCount(SHEET_LIMITS.rows)} by ${formatCount(SHEET_LIMITS.columns)}`,
    );
    return issues.failure();
  }
  return issues.result({
    name,
    cells: sheet.cells,
    blocks: sheet.blocks,
    colourRanges: sheet.colourRanges,
    lastRow: sheet.lastRow,
    lastColumn: sheet.lastColumn,
  });
}

/** Every value and formula cell, before the export builds anything: tensors plus padding borders. */
function estimateCells(resolved: ResolvedWorkbook): number {
  let n = sizeOf(resolved.inputShape);
  for (const r of resolved.layers) {
    n += 2 * sizeOf(r.outputShape);
    if (r.type === 'conv2d' || r.type === 'dense') n += sizeOf(r.layer.weight.shape) + r.layer.bias.shape[0];
    if (r.type === 'conv2d') {
      const g = r.geometry;
      const [c, h, w] = r.inputShape;
      n += c * ((h + g.padTop + g.padBottom) * (w + g.padLeft + g.padRight) - h * w);
    }
  }
  return n;
}

/** The border the block feeding `next` needs: a conv's padding, in its mode; nothing otherwise. */
function padsFor(
  next: ResolvedLayer | undefined,
): [typeof NO_PADS, 'zeros' | 'reflect' | 'replicate' | 'circular'] {
  if (next?.type !== 'conv2d') return [NO_PADS, 'zeros'];
  const g = next.geometry;
  return [
    { padTop: g.padTop, padBottom: g.padBottom, padLeft: g.padLeft, padRight: g.padRight },
    next.layer.paddingMode,
  ];
}

function formula(text: string): CellContent {
  if (text.length > XLSX_LIMITS.formulaLength) {
    throw new Unexpressible(
      `a cell's formula would be ${formatCount(text.length)} characters long, over the ` +
        `${formatCount(XLSX_LIMITS.formulaLength)} a spreadsheet allows (too many input channels or taps)`,
    );
  }
  return { formula: text };
}

function ref(m: MapLayout, c: number, y: number, x: number): string {
  const [row, col] = cellOf(m, c, y, x);
  return cellAddress(row, col);
}

/** Element i of a C x H x W map in row-major order, as (c, y, x). */
function unflatten(shape: Shape3, i: number): [number, number, number] {
  const [, h, w] = shape;
  return [Math.floor(i / (h * w)), Math.floor(i / w) % h, i % w];
}

/** The map as one contiguous column: itself when it is one, otherwise a block of references to it. */
function asColumn(sheet: SheetBuilder, m: MapLayout, r: ResolvedLayer): MapLayout {
  if (m.kind === 'column') return m;
  const n = sizeOf(m.shape);
  return placeMap(
    sheet,
    titled(`${r.layer.name} input, flattened`, [n]),
    'flatten',
    r.index,
    [n, 1, 1],
    'value',
    (i) => formula(ref(m, ...unflatten(m.shape, i))),
    'formula',
  );
}

function placeLayer(
  sheet: SheetBuilder,
  r: ResolvedLayer,
  x: MapLayout,
  next: ResolvedLayer | undefined,
): MapLayout {
  const name = r.layer.name;
  const out = r.outputShape;
  const [pads, mode] = padsFor(next);
  const map = (title: string, content: (c: number, y: number, x: number) => CellContent): MapLayout =>
    placeMap(sheet, titled(title, out), 'output', r.index, out, 'map', content, 'formula', pads, mode);
  const elementwise = (f: (a: string) => string): MapLayout =>
    map(`${name}: ${r.type}`, (c, y, q) => formula(f(ref(x, c, y, q))));
  switch (r.type) {
    case 'conv2d':
      return convLayer(sheet, r, x, map);
    case 'relu':
      return elementwise((a) => `MAX(0,${a})`);
    case 'leaky_relu': {
      const slope = String(r.layer.slope);
      return elementwise((a) => `IF(${a}>0,${a},${slope}*${a})`);
    }
    case 'sigmoid':
      return elementwise((a) => `1/(1+EXP(-${a}))`);
    case 'tanh':
      return elementwise((a) => `TANH(${a})`);
    case 'dropout':
      // Evaluation mode: dropout passes every value through unchanged.
      return elementwise((a) => a);
    case 'maxpool2d':
    case 'avgpool2d':
      return map(`${name}: ${r.type}`, (c, oy, ox) => formula(poolFormula(r, x, c, oy, ox)));
    case 'globalavgpool':
    case 'globalmaxpool': {
      const [, h, w] = r.inputShape;
      const fn = r.type === 'globalavgpool' ? 'AVERAGE' : 'MAX';
      return map(`${name}: ${r.type}`, (c) => formula(`${fn}(${rangeOf(x, c, 0, 0, h - 1, w - 1)})`));
    }
    case 'flatten':
      return map(`${name}: flatten`, (i) => formula(ref(x, ...unflatten(r.inputShape, i))));
    case 'softmax': {
      const column = asColumn(sheet, x, r);
      const v = columnRange(column, true);
      return map(`${name}: softmax`, (i) => {
        const a = ref(column, i, 0, 0);
        return formula(`EXP(${a}-MAX(${v}))/SUMPRODUCT(EXP(${v}-MAX(${v})))`);
      });
    }
    case 'dense': {
      const column = asColumn(sheet, x, r);
      const [nout, nin] = r.layer.weight.shape;
      const bias = r.layer.hasBias ? r.layer.bias.data : null;
      const d = placeDenseWeights(
        sheet,
        titled(`${name} weights, one column per output`, [nin, nout]),
        r.index,
        r.layer.weight.data ?? new Float64Array(0),
        [nout, nin],
        bias,
        column.top,
      );
      const v = columnRange(column, true);
      return map(`${name}: dense`, (o) => {
        const w = rangeAddress(d.top, d.col + o, d.top + nin - 1, d.col + o, true);
        const b = d.biasRow === null ? '' : `+${cellAddress(d.biasRow, d.col + o, true)}`;
        return formula(`SUMPRODUCT(${v},${w})${b}`);
      });
    }
  }
}

function convLayer(
  sheet: SheetBuilder,
  r: Extract<ResolvedLayer, { type: 'conv2d' }>,
  x: MapLayout,
  map: (title: string, content: (c: number, y: number, x: number) => CellContent) => MapLayout,
): MapLayout {
  const l = r.layer;
  const g = r.geometry;
  const shape = l.weight.shape;
  const [, cin, kh, kw] = shape;
  const f = placeFilters(
    sheet,
    titled(`${l.name} filters`, shape),
    r.index,
    l.weight.data ?? new Float64Array(0),
    shape,
    l.hasBias ? l.bias.data : null,
  );
  const plain = g.dilationH === 1 && g.dilationW === 1 && !l.flip;
  return map(`${l.name}: convolution, before activation`, (o, oy, ox) => {
    // The window's top-left cell, counted from the first real row/column (negative inside the padding).
    const y0 = oy * g.strideH - g.padTop;
    const x0 = ox * g.strideW - g.padLeft;
    const terms: string[] = [];
    for (let c = 0; c < cin; c++) {
      const top = f.sliceOrigin[o]?.[c] ?? 0;
      if (plain) {
        const window = rangeOf(x, c, y0, x0, y0 + kh - 1, x0 + kw - 1);
        terms.push(`SUMPRODUCT(${window},${rangeAddress(top, f.col, top + kh - 1, f.col + kw - 1, true)})`);
        continue;
      }
      for (let i = 0; i < kh; i++)
        for (let j = 0; j < kw; j++) {
          // flip: true convolution pairs tap (i, j) with the kernel rotated 180 degrees.
          const fi = l.flip ? kh - 1 - i : i;
          const fj = l.flip ? kw - 1 - j : j;
          terms.push(
            `${ref(x, c, y0 + i * g.dilationH, x0 + j * g.dilationW)}*${cellAddress(top + fi, f.col + fj, true)}`,
          );
        }
    }
    const bias = f.bias[o];
    if (bias !== null && bias !== undefined) terms.push(cellAddress(bias[0], bias[1], true));
    return formula(terms.join('+'));
  });
}

/** MAX or AVERAGE over the window clipped to the map: padding never wins a max (it is -infinity). */
function poolFormula(
  r: Extract<ResolvedLayer, { type: 'maxpool2d' | 'avgpool2d' }>,
  x: MapLayout,
  c: number,
  oy: number,
  ox: number,
): string {
  const g = r.geometry;
  const [, h, w] = r.inputShape;
  const y0 = oy * g.strideH - g.padTop;
  const x0 = ox * g.strideW - g.padLeft;
  const taps = (start: number, k: number, d: number, n: number): number[] =>
    Array.from({ length: k }, (_, i) => start + i * d).filter((v) => v >= 0 && v < n);
  const ys = taps(y0, g.kernelH, g.dilationH, h);
  const xs = taps(x0, g.kernelW, g.dilationW, w);
  if (ys.length === 0 || xs.length === 0) {
    throw new Unexpressible(`window (${oy}, ${ox}) covers padding only, which has no spreadsheet value`);
  }
  const full = ys.length === g.kernelH && xs.length === g.kernelW;
  if (g.dilationH !== 1 || g.dilationW !== 1) {
    const cells = ys.flatMap((y) => xs.map((q) => ref(x, c, y, q)));
    if (cells.length > XLSX_LIMITS.arguments) {
      throw new Unexpressible(
        `a dilated window lists ${cells.length} cells in one MAX, over a spreadsheet's ${XLSX_LIMITS.arguments} arguments`,
      );
    }
    return `MAX(${cells.join(',')})`;
  }
  const window = rangeOf(x, c, ys[0] ?? 0, xs[0] ?? 0, ys[ys.length - 1] ?? 0, xs[xs.length - 1] ?? 0);
  if (r.type === 'maxpool2d') return `MAX(${window})`;
  // count_include_pad: the padded zeros count in the divisor, which is then always KH x KW (floor mode).
  if (!full && r.layer.countIncludePad) return `SUM(${window})/${g.kernelH * g.kernelW}`;
  return `AVERAGE(${window})`;
}

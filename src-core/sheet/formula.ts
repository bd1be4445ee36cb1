/**
 * A cell's formula with its real numbers, as the formula bar shows it: for a conv cell, each input cell
 * times the weight that multiplies it, grouped by input channel, plus the bias; for an activation, the
 * function of the cell it reads (and, when that cell is a conv or dense sum, the sum written out inside
 * it, as the fast.ai sheet folds ReLU into its conv cells); for pools, the window it covers.
 */
import { conv2dTaps } from '../ops/conv2d';
import { formatCellNumber } from '../io/number-text';
import type { Evaluation } from './evaluate';
import { forEachPrecedent, gridShape, type CellRef } from './precedents';
import type { ResolvedLayer, ResolvedWorkbook } from './shapes';

/** One term of a formula: an input cell's value, and the weight multiplying it where there is one. */
export interface FormulaTerm {
  /** Input channel read (for dense and softmax: the channel of the flattened cell). */
  readonly channel: number;
  /** The cell read, or null for a zero-padding cell. */
  readonly input: CellRef | null;
  readonly inputValue: number;
  /** Flat index into the layer's weight data, or null where no weight multiplies (pools, activations). */
  readonly weightIndex: number | null;
  readonly weight: number | null;
  /** inputValue x weight where there is a weight, otherwise inputValue. */
  readonly product: number;
}

export interface CellFormula {
  readonly cell: CellRef;
  /** The cell's value as evaluated. */
  readonly value: number;
  /** The layer type that computes the cell, or "input". */
  readonly kind: ResolvedLayer['type'] | 'input';
  readonly terms: readonly FormulaTerm[];
  /** The bias added (conv and dense; 0 for a bias-free layer), or null. */
  readonly bias: number | null;
  /** Average pools: what the sum is divided by (PyTorch's count_include_pad rule). */
  readonly divisor: number | null;
  /** Max pools: the cell that won (the first maximum in row-major order). */
  readonly winner: CellRef | null;
  /** The formula written out with numbers, e.g. `max(0, 0.00×1.00 + 0.99×1.00 + ... + 0.12) = 2.61`. */
  readonly text: string;
}

/** Where a cell sits: channel, row, column (0-based) of a C x H x W grid. */
export function cellPosition(
  shape: readonly [number, number, number],
  index: number,
): [number, number, number] {
  const [, h, w] = shape;
  return [Math.floor(index / (h * w)), Math.floor(index / w) % h, index % w];
}

/** The formula of `cell`, with the numbers of `evaluation`. */
export function cellFormula(
  resolved: ResolvedWorkbook,
  evaluation: Evaluation,
  cell: CellRef,
  decimals = 2,
): CellFormula {
  const grid = cell.layer === -1 ? evaluation.input : evaluation.outputs[cell.layer];
  const value = grid?.data[cell.index] ?? NaN;
  const r = resolved.layers[cell.layer];
  const n = (v: number) => formatCellNumber(v, decimals);
  if (r === undefined) {
    return {
      cell,
      value,
      kind: 'input',
      terms: [],
      bias: null,
      divisor: null,
      winner: null,
      text: `${n(value)}`,
    };
  }
  const inputGrid = cell.layer === 0 ? evaluation.input : evaluation.outputs[cell.layer - 1];
  const read = (index: number) => inputGrid?.data[index] ?? NaN;
  const back = cell.layer - 1;
  const shape = gridShape(resolved, back);
  const plain = (index: number): FormulaTerm => ({
    channel: cellPosition(shape, index)[0],
    input: { layer: back, index },
    inputValue: read(index),
    weightIndex: null,
    weight: null,
    product: read(index),
  });
  let terms: FormulaTerm[] = [];
  let bias: number | null = null;
  let divisor: number | null = null;
  let winner: CellRef | null = null;
  if (r.type === 'conv2d') {
    const [o, y, x] = cellPosition(r.outputShape, cell.index);
    const weights = r.layer.weight.data;
    terms = conv2dTaps(
      r.inputShape,
      r.layer.weight.shape,
      r.geometry,
      r.layer.paddingMode,
      r.layer.flip,
      o,
      y,
      x,
    ).map((t) => {
      const inputValue = t.source === null ? 0 : read(t.source.index);
      const weight = weights?.[t.weightIndex] ?? NaN;
      return {
        channel: t.channel,
        input: t.source === null ? null : { layer: back, index: t.source.index },
        inputValue,
        weightIndex: t.weightIndex,
        weight,
        product: inputValue * weight,
      };
    });
    bias = r.layer.bias.data?.[o] ?? 0;
  } else if (r.type === 'dense') {
    const inFeatures = r.layer.weight.shape[1];
    const weights = r.layer.weight.data;
    for (let k = 0; k < inFeatures; k++) {
      const weightIndex = cell.index * inFeatures + k;
      const weight = weights?.[weightIndex] ?? NaN;
      terms.push({ ...plain(k), weightIndex, weight, product: read(k) * weight });
    }
    bias = r.layer.bias.data?.[cell.index] ?? 0;
  } else {
    forEachPrecedent(r, cell.index, (k) => terms.push(plain(k)));
    if (r.type === 'avgpool2d') divisor = avgDivisor(r, terms.length);
    if (r.type === 'maxpool2d') {
      const won = evaluation.argmax[cell.layer]?.[cell.index] ?? -1;
      winner = won < 0 ? null : { layer: back, index: won };
    }
  }
  const partial = { cell, value, kind: r.type, terms, bias, divisor, winner };
  const inner = innerFormula(resolved, evaluation, back, decimals);
  return { ...partial, text: `${formulaBody(r, partial, n, inner)} = ${n(value)}` };
}

/** The divisor of an average-pool window: the window's area with count_include_pad, else its real cells. */
function avgDivisor(r: ResolvedLayer & { type: 'avgpool2d' }, realCells: number): number {
  return r.layer.countIncludePad ? r.geometry.kernelH * r.geometry.kernelW : realCells;
}

/** The sum an activation reads, written out, when the cell before it is a conv or dense cell. */
function innerFormula(resolved: ResolvedWorkbook, evaluation: Evaluation, layer: number, decimals: number) {
  const r = resolved.layers[layer];
  if (r === undefined || (r.type !== 'conv2d' && r.type !== 'dense')) return null;
  return (index: number) => {
    const f = cellFormula(resolved, evaluation, { layer, index }, decimals);
    return sumText(f.terms, f.bias, (v) => formatCellNumber(v, decimals), r.type === 'conv2d');
  };
}

type Partial = Omit<CellFormula, 'text'>;

function formulaBody(
  r: ResolvedLayer,
  f: Partial,
  n: (v: number) => string,
  inner: ((index: number) => string) | null,
): string {
  const only = f.terms[0];
  const arg =
    only === undefined
      ? '?'
      : inner !== null && only.input !== null
        ? inner(only.input.index)
        : n(only.inputValue);
  switch (r.type) {
    case 'conv2d':
      return sumText(f.terms, f.bias, n, true);
    case 'dense':
      return sumText(f.terms, f.bias, n, false);
    case 'relu':
      return `max(0, ${arg})`;
    case 'leaky_relu':
      return `leaky_relu(${arg}, slope ${r.layer.slope})`;
    case 'sigmoid':
      return `sigmoid(${arg})`;
    case 'tanh':
      return `tanh(${arg})`;
    case 'dropout':
      return `dropout(${arg}) (identity when evaluating)`;
    case 'flatten':
      return arg;
    case 'maxpool2d':
    case 'globalmaxpool':
      return `max(${listText(f.terms.map((t) => n(t.inputValue)))})`;
    case 'avgpool2d':
      return `(${listText(
        f.terms.map((t) => n(t.inputValue)),
        ' + ',
      )}) / ${f.divisor ?? f.terms.length}`;
    case 'globalavgpool':
      return `mean(${listText(f.terms.map((t) => n(t.inputValue)))})`;
    case 'softmax':
      return `exp(${n(f.terms[f.cell.index]?.inputValue ?? NaN)}) / sum(exp(${listText(f.terms.map((t) => n(t.inputValue)))}))`;
  }
}

/** `a×w + b×v + ... + bias`, grouped by input channel for 3-D filters (`ch1: (...) + ch2: (...)`). */
function sumText(
  terms: readonly FormulaTerm[],
  bias: number | null,
  n: (v: number) => string,
  byChannel: boolean,
): string {
  const product = (t: FormulaTerm) => `${n(t.inputValue)}×${n(t.weight ?? NaN)}`;
  const channels = new Set(terms.map((t) => t.channel));
  let body: string;
  if (byChannel && channels.size > 1) {
    body = [...channels]
      .map((c) => `ch${c + 1}: (${listText(terms.filter((t) => t.channel === c).map(product), ' + ')})`)
      .join(' + ');
  } else {
    body = listText(terms.map(product), ' + ');
  }
  return bias === null ? body : `${body} + ${n(bias)}`;
}

/** Joins items, eliding the middle of long lists so a 288-input dense formula stays one readable line. */
function listText(items: readonly string[], separator = ', '): string {
  if (items.length <= 12) return items.join(separator);
  return [...items.slice(0, 6), '...', ...items.slice(-3)].join(separator);
}

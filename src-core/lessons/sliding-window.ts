/**
 * The sliding window, one position at a time, as lecturers animate it: for output cell (o, y, x) of a
 * conv or pool layer, the input it reads with its padding ring made visible (zeros, or the values a
 * reflect/replicate/circular pad copies), where the window sits on that padded grid, every product
 * (conv) or every value compared or averaged (pools), and the result.
 *
 * Padded coordinates count from the padded grid's top-left corner: input cell (r, c) sits at
 * (r + padTop, c + padLeft).
 */
import { conv2dTaps } from '../ops/conv2d';
import type { WindowGeometry } from '../ops/geometry';
import { paddedSource } from '../ops/padding';
import { avgPool2dDivisor } from '../ops/pool';
import type { Evaluation } from '../sheet/evaluate';
import { cellPosition } from '../sheet/formula';
import type { ResolvedLayer, ResolvedWorkbook } from '../sheet/shapes';

export type WindowLayer = Extract<ResolvedLayer, { type: 'conv2d' | 'maxpool2d' | 'avgpool2d' }>;

/** One cell under the sliding window, as the panel lists it. */
export interface WindowTap {
  /** Where it sits on the padded grid. */
  readonly paddedRow: number;
  readonly paddedCol: number;
  /** The value read: an input value, the value a pad copies, 0 for a zero pad (conv). */
  readonly value: number;
  /** True for a padding cell. */
  readonly pad: boolean;
  /** The weight multiplying it (conv), or null (pools). */
  readonly weight: number | null;
  /** value x weight (conv), or the value (pools). */
  readonly product: number;
}

/** One input channel as the window sees it. */
export interface WindowChannel {
  readonly channel: number;
  /** The padded grid: rows x cols values, pad[k] = 1 where cell k is padding. */
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
  readonly pad: Uint8Array;
  /** Taps, in the order the sum adds them (filter row, then column). */
  readonly taps: readonly WindowTap[];
  /** Sum of this channel's products (conv) or values (average pool). */
  readonly subtotal: number;
}

export interface WindowFrame {
  readonly layer: number;
  readonly kind: WindowLayer['type'];
  /** The output cell: channel, row, column, flat index into the layer's output. */
  readonly channel: number;
  readonly row: number;
  readonly col: number;
  readonly index: number;
  readonly channels: readonly WindowChannel[];
  /** Conv: the bias added (0 for a bias-free layer). */
  readonly bias: number | null;
  /** Average pool: the divisor (count_include_pad rule). */
  readonly divisor: number | null;
  /** Max pool: which tap of channels[0] won (the first maximum), or -1. */
  readonly winner: number;
  /** The output cell's value, as the sheet evaluated it. */
  readonly value: number;
}

export function isWindowLayer(r: ResolvedLayer | undefined): r is WindowLayer {
  return r?.type === 'conv2d' || r?.type === 'maxpool2d' || r?.type === 'avgpool2d';
}

/** Output positions of one output channel: OH x OW, the frames a full pass of the window visits. */
export function framesPerChannel(r: WindowLayer): number {
  return r.outputShape[1] * r.outputShape[2];
}

/** The window at output cell `index` (flat into the layer's C_out x OH x OW output). */
export function windowFrame(
  resolved: ResolvedWorkbook,
  evaluation: Evaluation,
  layer: number,
  index: number,
): WindowFrame {
  const r = resolved.layers[layer];
  if (!isWindowLayer(r)) throw new RangeError(`layers[${layer}] has no sliding window`);
  const input = layer === 0 ? evaluation.input.data : evaluation.outputs[layer - 1]?.data;
  const value = evaluation.outputs[layer]?.data[index] ?? Number.NaN;
  if (input === undefined) throw new RangeError(`layers[${layer}] has no evaluated input`);
  const [o, y, x] = cellPosition(r.outputShape, index);
  const base = { layer, kind: r.type, channel: o, row: y, col: x, index, value };
  return r.type === 'conv2d'
    ? { ...base, ...convWindow(r, input, o, y, x) }
    : { ...base, ...poolWindow(r, input, o, y, x) };
}

/** The padded grid of input channel c: what F.pad would give (pools show their ring as zeros). */
function paddedChannel(
  r: WindowLayer,
  input: Float64Array,
  c: number,
): Pick<WindowChannel, 'rows' | 'cols' | 'values' | 'pad'> {
  const [, h, w] = r.inputShape;
  const g = r.geometry;
  const mode = r.type === 'conv2d' ? r.layer.paddingMode : 'zeros';
  const rows = h + g.padTop + g.padBottom;
  const cols = w + g.padLeft + g.padRight;
  const values = new Float64Array(rows * cols);
  const pad = new Uint8Array(rows * cols);
  for (let pr = 0; pr < rows; pr++) {
    for (let pc = 0; pc < cols; pc++) {
      const k = pr * cols + pc;
      const inside = pr >= g.padTop && pr < g.padTop + h && pc >= g.padLeft && pc < g.padLeft + w;
      if (!inside) pad[k] = 1;
      const sr = paddedSource(pr, h, g.padTop, mode);
      const sc = paddedSource(pc, w, g.padLeft, mode);
      values[k] = sr < 0 || sc < 0 ? 0 : (input[(c * h + sr) * w + sc] ?? 0);
    }
  }
  return { rows, cols, values, pad };
}

function convWindow(
  r: Extract<WindowLayer, { type: 'conv2d' }>,
  input: Float64Array,
  o: number,
  y: number,
  x: number,
) {
  const weights = r.layer.weight.data;
  const taps = conv2dTaps(
    r.inputShape,
    r.layer.weight.shape,
    r.geometry,
    r.layer.paddingMode,
    r.layer.flip,
    o,
    y,
    x,
  );
  const channels: WindowChannel[] = [];
  for (let c = 0; c < r.inputShape[0]; c++) {
    const grid = paddedChannel(r, input, c);
    const own = taps
      .filter((t) => t.channel === c)
      .map((t): WindowTap => {
        const k = t.paddedRow * grid.cols + t.paddedCol;
        const value = grid.values[k] ?? 0;
        const weight = weights?.[t.weightIndex] ?? Number.NaN;
        return {
          paddedRow: t.paddedRow,
          paddedCol: t.paddedCol,
          value,
          pad: grid.pad[k] === 1,
          weight,
          product: value * weight,
        };
      });
    channels.push({ channel: c, ...grid, taps: own, subtotal: sum(own.map((t) => t.product)) });
  }
  return { channels, bias: r.layer.bias.data?.[o] ?? 0, divisor: null, winner: -1 };
}

function poolWindow(r: WindowLayer, input: Float64Array, c: number, y: number, x: number) {
  const g: WindowGeometry = r.geometry;
  const grid = paddedChannel(r, input, c);
  const taps: WindowTap[] = [];
  for (let i = 0; i < g.kernelH; i++) {
    for (let j = 0; j < g.kernelW; j++) {
      const paddedRow = y * g.strideH + i * g.dilationH;
      const paddedCol = x * g.strideW + j * g.dilationW;
      const k = paddedRow * grid.cols + paddedCol;
      // Pools never read their padding: max treats it as -infinity, average as zeros it may count.
      const pad = grid.pad[k] === 1;
      const value = pad ? 0 : (grid.values[k] ?? 0);
      taps.push({ paddedRow, paddedCol, value, pad, weight: null, product: value });
    }
  }
  const real = taps.filter((t) => !t.pad);
  let winner = -1;
  taps.forEach((t, k) => {
    // Strictly greater keeps the first maximum, as F.max_pool2d.
    if (!t.pad && (winner < 0 || t.value > (taps[winner]?.value ?? -Infinity))) winner = k;
  });
  const [, h, w] = r.inputShape;
  const divisor = r.type === 'avgpool2d' ? avgPool2dDivisor(h, w, g, r.layer.countIncludePad, y, x) : null;
  const channel: WindowChannel = { channel: c, ...grid, taps, subtotal: sum(real.map((t) => t.value)) };
  return { channels: [channel], bias: null, divisor, winner: r.type === 'maxpool2d' ? winner : -1 };
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

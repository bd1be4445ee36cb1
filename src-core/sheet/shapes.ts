/**
 * Shape arithmetic along the network: the C x H x W reaching each layer, what it outputs, and the
 * rules that depend on it (a conv's IN equals the channels reaching it, a dense layer's IN the flattened
 * size, the window fits, reflect/circular padding fits the map). The result, a ResolvedWorkbook, is
 * everything evaluation needs without interpreting a setting again.
 *
 * Output shapes: conv OUT x OH x OW; pools C x OH x OW; global pools C x 1 x 1; flatten, dense and
 * softmax N x 1 x 1; activations and dropout keep their input's shape.
 */
import type { WindowGeometry } from '../ops/geometry';
import { formatShape, sizeOf } from '../tensor';
import { multiplyAccumulates, parameterCount } from './counts';
import { formatCount, IssueList, plural, showSetting, type Result } from './issues';
import { LIMITS } from './limits';
import { convGeometry, outputSizeFormula, poolGeometry, type Axis, type OutputSizeFormula } from './resolve';
import { checkInput, checkLayer, labelOf } from './rules';
import type {
  AvgPool2dLayer,
  Conv2dLayer,
  InputTensor,
  Layer,
  MaxPool2dLayer,
  Shape3,
  Workbook,
} from './types';

type WindowLayer = Conv2dLayer | MaxPool2dLayer | AvgPool2dLayer;

interface ResolvedCommon<L extends Layer> {
  readonly type: L['type'];
  readonly layer: L;
  /** Position in `workbook.layers`. */
  readonly index: number;
  /** `layers[1] (conv2)`, as messages name it. */
  readonly label: string;
  /** C x H x W reaching the layer. */
  readonly inputShape: Shape3;
  /** C x H x W it outputs. */
  readonly outputShape: Shape3;
  /** Weights plus biases (torchinfo). */
  readonly params: number;
  /** Multiply-accumulates for one example (torchinfo). */
  readonly macs: number;
}

/** A conv or pool layer: its window geometry, explicit, and the output-size formula of each axis. */
export interface ResolvedWindowLayer<L extends WindowLayer> extends ResolvedCommon<L> {
  readonly geometry: WindowGeometry;
  readonly rows: OutputSizeFormula;
  readonly columns: OutputSizeFormula;
}

type ResolvedOf<L extends Layer> = L extends WindowLayer ? ResolvedWindowLayer<L> : ResolvedCommon<L>;

/** One layer with its shapes worked out; narrowing on `type` narrows `layer` too. */
export type ResolvedLayer = ResolvedOf<Layer>;

export interface ResolvedWorkbook {
  readonly workbook: Workbook;
  readonly inputShape: Shape3;
  readonly layers: readonly ResolvedLayer[];
  /** The last layer's output shape (the input's when there are no layers). */
  readonly outputShape: Shape3;
  readonly params: number;
  readonly macs: number;
}

/**
 * Checks every rule of the workbook and works out every layer's shapes. Errors name the layer, the
 * setting and the rule; warnings point out settings that are valid but leave input unread.
 */
export function resolveWorkbook(workbook: Workbook): Result<ResolvedWorkbook> {
  const issues = new IssueList();
  const layers = checkLayers(workbook.input, workbook.layers, issues);
  if (layers === null) return issues.failure();
  const last = layers[layers.length - 1];
  return issues.result({
    workbook,
    inputShape: workbook.input.shape,
    layers,
    outputShape: last === undefined ? workbook.input.shape : last.outputShape,
    params: layers.reduce((n, l) => n + l.params, 0),
    macs: layers.reduce((n, l) => n + l.macs, 0),
  });
}

/**
 * The rules of every layer present, and the shape flow as far as it goes. `null` entries (an input or
 * layers the reader could not make sense of) have their errors reported already; the flow stops there.
 * Returns the resolved layers when all of them resolved.
 */
export function checkLayers(
  input: InputTensor | null,
  layers: readonly (Layer | null)[],
  issues: IssueList,
): ResolvedLayer[] | null {
  let flowing = input !== null && checkInput(input, issues);
  let shape: Shape3 = input?.shape ?? [0, 0, 0];
  let source = `the input is ${formatShape(shape)}`;
  const resolved: ResolvedLayer[] = [];
  const firstWithName = new Map<string, number>();
  layers.forEach((layer, index) => {
    if (layer === null) {
      flowing = false;
      return;
    }
    const settingsOk = checkLayer(layer, index, issues);
    warnDuplicateName(layer, index, firstWithName, issues);
    if (!flowing || !settingsOk) {
      flowing = false;
      return;
    }
    const r = resolveLayer(layer, index, shape, source, issues);
    if (r === null) {
      flowing = false;
      return;
    }
    resolved.push(r);
    shape = r.outputShape;
    source = `${layer.name} gives ${formatShape(shape)}`;
  });
  return flowing && resolved.length === layers.length && issues.errors.length === 0 ? resolved : null;
}

function warnDuplicateName(layer: Layer, index: number, first: Map<string, number>, issues: IssueList): void {
  const earlier = first.get(layer.name);
  if (layer.name === '') return;
  if (earlier === undefined) {
    first.set(layer.name, index);
    return;
  }
  issues.warn(
    `layers[${index}].name`,
    `${labelOf(layer, index)}: the name "${layer.name}" is also used by layers[${earlier}]; ` +
      'their outputs and messages will be hard to tell apart',
  );
}

/** One layer given the C x H x W reaching it (`source` says where it comes from, for messages). */
function resolveLayer(
  layer: Layer,
  index: number,
  input: Shape3,
  source: string,
  issues: IssueList,
): ResolvedLayer | null {
  const label = labelOf(layer, index);
  const at = `layers[${index}]`;
  const [c, h, w] = input;
  const common = { index, label, inputShape: input, params: parameterCount(layer) };
  const finish = <L extends Layer>(l: L, outputShape: Shape3): ResolvedCommon<L> | null => {
    const n = sizeOf(outputShape);
    if (n > LIMITS.values) {
      issues.error(
        at,
        `${label}: its output ${formatShape(outputShape)} holds ${formatCount(n)} values, ` +
          `over the limit of ${formatCount(LIMITS.values)} (2^27) per tensor`,
      );
      return null;
    }
    return { ...common, type: l.type, layer: l, outputShape, macs: multiplyAccumulates(l, outputShape) };
  };
  switch (layer.type) {
    case 'conv2d': {
      const [out, cIn] = layer.weight.shape;
      if (cIn !== c) {
        issues.error(
          `${at}.weight.shape[1]`,
          `${label}: ${layer.name} expects ${plural(cIn, 'input channel')} (weight shape ` +
            `${formatShape(layer.weight.shape)}) but ${c === 1 ? '1 channel reaches' : `${c} channels reach`} it ` +
            `(${source})`,
        );
        return null;
      }
      const geometry = convGeometry(layer);
      if (!checkPaddingMode(layer, geometry, h, w, `${at}.padding`, label, issues)) return null;
      return windowLayer(layer, geometry, input, out, label, at, `${at}.weight.shape`, issues, finish);
    }
    case 'maxpool2d':
      return windowLayer(layer, poolGeometry(layer), input, c, label, at, `${at}.size`, issues, finish);
    case 'avgpool2d':
      return windowLayer(layer, poolGeometry(layer), input, c, label, at, `${at}.size`, issues, finish);
    case 'dense': {
      const [out, inFeatures] = layer.weight.shape;
      const n = c * h * w;
      if (inFeatures !== n) {
        const flat = c === n ? '' : `, flattened ${n}`;
        issues.error(
          `${at}.weight.shape[1]`,
          `${label}: ${layer.name} expects ${plural(inFeatures, 'input')} (weight shape ` +
            `${formatShape(layer.weight.shape)}) but ${n === 1 ? '1 value reaches' : `${n} values reach`} it ` +
            `(${source}${flat})`,
        );
        return null;
      }
      return finish(layer, [out, 1, 1]);
    }
    // One case per type: each narrows `layer` to a single type, as ResolvedLayer's members need.
    case 'flatten':
      return finish(layer, [c * h * w, 1, 1]);
    case 'softmax':
      return finish(layer, [c * h * w, 1, 1]);
    case 'globalavgpool':
      return finish(layer, [c, 1, 1]);
    case 'globalmaxpool':
      return finish(layer, [c, 1, 1]);
    case 'relu':
      return finish(layer, input);
    case 'leaky_relu':
      return finish(layer, input);
    case 'sigmoid':
      return finish(layer, input);
    case 'tanh':
      return finish(layer, input);
    case 'dropout':
      return finish(layer, input);
  }
}

type Finish = <L extends Layer>(l: L, outputShape: Shape3) => ResolvedCommon<L> | null;

/** A conv or pool: the window must fit on both axes; warns about input rows/columns left unread. */
function windowLayer<L extends WindowLayer>(
  layer: L,
  geometry: WindowGeometry,
  input: Shape3,
  channelsOut: number,
  label: string,
  at: string,
  kernelPath: string,
  issues: IssueList,
  finish: Finish,
): ResolvedWindowLayer<L> | null {
  const rows = outputSizeFormula(geometry, 'rows', input[1]);
  const columns = outputSizeFormula(geometry, 'columns', input[2]);
  const word = layer.type === 'conv2d' ? 'kernel' : 'window';
  let fits = true;
  for (const [axis, f, sub] of [
    ['rows', rows, '[2]'],
    ['columns', columns, '[3]'],
  ] as const) {
    if (f.out >= 1) continue;
    const extent = f.dilation * (f.kernel - 1) + 1;
    const dilated = f.dilation === 1 ? '' : ` with dilation ${f.dilation}`;
    issues.error(
      layer.type === 'conv2d' ? `${kernelPath}${sub}` : kernelPath,
      `${label}: ${word} ${f.kernel}${dilated} needs ${extent} input ${axis}, the input has ${f.n} ` +
        `(plus padding ${paddingText(f, axis)})`,
    );
    fits = false;
  }
  if (!fits) return null;
  warnUnread(layer, geometry, rows, columns, label, at, issues);
  const done = finish(layer, [channelsOut, rows.out, columns.out]);
  return done === null ? null : { ...done, geometry, rows, columns };
}

function paddingText(f: OutputSizeFormula, axis: Axis): string {
  if (f.padBefore === f.padAfter) return f.padBefore === 0 ? '0' : `${f.padBefore} on each side`;
  const [before, after] = axis === 'rows' ? ['above', 'below'] : ['left', 'right'];
  return `${f.padBefore} ${before} and ${f.padAfter} ${after}`;
}

/**
 * Reflect padding mirrors without repeating the edge, so it needs pad < size; circular padding wraps
 * around at most once, so pad <= size (PyTorch's F.pad rules). Zeros and replicate fit any map.
 */
function checkPaddingMode(
  layer: Conv2dLayer,
  g: WindowGeometry,
  h: number,
  w: number,
  path: string,
  label: string,
  issues: IssueList,
): boolean {
  const mode = layer.paddingMode;
  if (mode === 'zeros' || mode === 'replicate') return true;
  let ok = true;
  for (const [axis, pad, n] of [
    ['rows', Math.max(g.padTop, g.padBottom), h],
    ['columns', Math.max(g.padLeft, g.padRight), w],
  ] as const) {
    if (mode === 'reflect' && pad >= n) {
      issues.error(
        path,
        `${label}: reflect padding ${pad} needs at least ${pad + 1} input ${axis} (reflection does not ` +
          `repeat the edge; PyTorch's rule), the input has ${n}`,
      );
      ok = false;
    }
    if (mode === 'circular' && pad > n) {
      issues.error(
        path,
        `${label}: circular padding ${pad} needs at least ${pad} input ${axis} (it wraps around at most ` +
          `once; PyTorch's rule), the input has ${n}`,
      );
      ok = false;
    }
  }
  return ok;
}

/**
 * Input rows past the last window, as PyTorch's floor leaves them: the windows span
 * (out - 1) * stride + dilation * (kernel - 1) + 1 padded rows; what is left, less the padding after,
 * is input never read.
 */
function unreadTrailing(f: OutputSizeFormula): number {
  const spanned = (f.out - 1) * f.stride + f.dilation * (f.kernel - 1) + 1;
  return Math.max(0, f.n + f.padBefore + f.padAfter - spanned - f.padAfter);
}

function warnUnread(
  layer: WindowLayer,
  g: WindowGeometry,
  rows: OutputSizeFormula,
  columns: OutputSizeFormula,
  label: string,
  at: string,
  issues: IssueList,
): void {
  const stride = layer.type === 'conv2d' ? layer.stride : (layer.stride ?? layer.size);
  const trailing = [
    plural(unreadTrailing(rows), 'input row'),
    plural(unreadTrailing(columns), 'input column'),
  ].filter((_, i) => unreadTrailing(i === 0 ? rows : columns) > 0);
  if (trailing.length > 0) {
    issues.warn(
      `${at}.stride`,
      `${label}: stride ${showSetting(stride)} leaves the last ${trailing.join(' and ')} unread (floor)`,
    );
  }
  if (g.dilationH !== 1 || g.dilationW !== 1) return;
  // A stride longer than the window skips the rows between one window and the next.
  const gapRows = g.strideH - g.kernelH;
  const gapColumns = g.strideW - g.kernelW;
  const gaps = [plural(gapRows, 'row'), plural(gapColumns, 'column')].filter(
    (_, i) => (i === 0 ? gapRows : gapColumns) > 0,
  );
  if (gaps.length > 0) {
    const window = `${g.kernelH} x ${g.kernelW} ${layer.type === 'conv2d' ? 'kernel' : 'window'}`;
    issues.warn(
      `${at}.stride`,
      `${label}: stride ${showSetting(stride)} is longer than the ${window}, so neighbouring windows ` +
        `leave ${gaps.join(' and ')} between them unread`,
    );
  }
}

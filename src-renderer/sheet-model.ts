/**
 * What the sheet shows, worked out from the resolved workbook without touching the DOM: one block per
 * layer (and one for the input), each holding its grids. A grid is a window onto a tensor: the input,
 * a layer's output, a filter slice, a bias or a row of a dense weight, given by where its cell (0, 0)
 * sits in that tensor's data. Multi-channel maps are one grid per channel; a filter bank is one grid
 * per filter and input channel; a C x 1 x 1 vector is one column.
 */
import { formatCount } from '../src-core/sheet/issues';
import type { ResolvedLayer, ResolvedWorkbook } from '../src-core/sheet/shapes';
import type { ValuesTarget } from '../src-core/sheet/edit';
import type { Shape3 } from '../src-core/sheet/types';

/** The tensor a grid shows: a map grid (input or a layer's output) or an editable parameter. */
export type GridSource =
  | { readonly kind: 'map'; readonly layer: number }
  | { readonly kind: 'parameter'; readonly target: ValuesTarget & { kind: 'weight' | 'bias' } };

export interface GridSpec {
  /** Stable while the layer keeps its place and shape: `map:3:1`, `weight:0:1:0`, `bias:2:0`. */
  readonly key: string;
  /** Caption on the sheet and accessible name. */
  readonly label: string;
  readonly source: GridSource;
  /** Flat index, in the source's data, of the grid's cell (0, 0). */
  readonly offset: number;
  readonly rows: number;
  readonly cols: number;
  readonly editable: boolean;
}

/** One filter (conv) or one output (dense): its slices side by side and its bias. */
export interface FilterRow {
  readonly title: string;
  readonly slices: readonly GridSpec[];
  readonly bias: GridSpec | null;
}

export interface BlockSpec {
  readonly key: string;
  /** -1 for the input. */
  readonly layer: number;
  /** Layer name and kind: "conv1 · conv2d 3 x 3". */
  readonly title: string;
  /** Output shape, C x H x W. */
  readonly shape: string;
  readonly params: number;
  /** Output-size formula lines with the numbers filled in (conv and pools). */
  readonly formulas: readonly string[];
  readonly filters: readonly FilterRow[];
  readonly maps: readonly GridSpec[];
  /** What the maps are called: "maps", "pre-activation maps", "scores". */
  readonly mapsTitle: string;
}

/** Every block of the sheet, input first. */
export function sheetBlocks(resolved: ResolvedWorkbook): BlockSpec[] {
  const input: BlockSpec = {
    key: 'input',
    layer: -1,
    title: 'Input',
    shape: shapeText(resolved.inputShape),
    params: 0,
    formulas: [],
    filters: [],
    maps: mapGrids(-1, 'Input', resolved.inputShape, true),
    mapsTitle: 'image',
  };
  const last = resolved.layers.length - 1;
  return [
    input,
    ...resolved.layers.map((r) => layerBlock(r, r.index === last, resolved.layers[r.index + 1])),
  ];
}

function layerBlock(r: ResolvedLayer, isLast: boolean, next: ResolvedLayer | undefined): BlockSpec {
  const name = r.layer.name;
  const k = r.index;
  const formulas =
    r.type === 'conv2d' || r.type === 'maxpool2d' || r.type === 'avgpool2d'
      ? [`rows: ${r.rows.text}`, `columns: ${r.columns.text}`]
      : [];
  const vector = r.outputShape[1] === 1 && r.outputShape[2] === 1;
  const activationNext =
    next !== undefined && ['relu', 'leaky_relu', 'sigmoid', 'tanh'].includes(next.type) && !vector;
  const mapsTitle =
    r.type === 'dense' && isLast
      ? 'class scores'
      : (r.type === 'conv2d' || r.type === 'dense') && activationNext
        ? 'pre-activation'
        : vector
          ? 'values'
          : 'maps';
  const mapLabel = r.type === 'dense' && isLast ? `${name} scores` : name;
  return {
    key: `layer:${k}`,
    layer: k,
    title: `${name} · ${kindText(r)}`,
    shape: shapeText(r.outputShape),
    params: r.params,
    formulas,
    filters: r.type === 'conv2d' ? convFilters(r) : r.type === 'dense' ? denseRows(r) : [],
    maps: mapGrids(k, mapLabel, r.outputShape, false),
    mapsTitle,
  };
}

/** One grid per channel, or one column for a C x 1 x 1 vector. */
function mapGrids(layer: number, name: string, shape: Shape3, editable: boolean): GridSpec[] {
  const [c, h, w] = shape;
  const source: GridSource = { kind: 'map', layer };
  if (h === 1 && w === 1) {
    return [{ key: `map:${layer}:v`, label: name, source, offset: 0, rows: c, cols: 1, editable }];
  }
  return Array.from({ length: c }, (_, ch) => ({
    key: `map:${layer}:${ch}`,
    label: c === 1 && layer === -1 ? name : `${name} ${layer === -1 ? 'channel' : 'map'} ${ch + 1}`,
    source,
    offset: ch * h * w,
    rows: h,
    cols: w,
    editable,
  }));
}

function convFilters(r: ResolvedLayer & { type: 'conv2d' }): FilterRow[] {
  const [out, cin, kh, kw] = r.layer.weight.shape;
  const name = r.layer.name;
  const weight = { kind: 'weight', layer: r.index } as const;
  const bias = { kind: 'bias', layer: r.index } as const;
  return Array.from({ length: out }, (_, o) => ({
    title: `filter ${o + 1}`,
    slices: Array.from({ length: cin }, (_, c) => ({
      key: `weight:${r.index}:${o}:${c}`,
      label: cin === 1 ? `${name} filter ${o + 1}` : `${name} filter ${o + 1} · ch ${c + 1}`,
      source: { kind: 'parameter', target: weight },
      offset: (o * cin + c) * kh * kw,
      rows: kh,
      cols: kw,
      editable: true,
    })),
    bias: r.layer.hasBias
      ? {
          key: `bias:${r.index}:${o}`,
          label: `${name} bias ${o + 1}`,
          source: { kind: 'parameter', target: bias },
          offset: o,
          rows: 1,
          cols: 1,
          editable: true,
        }
      : null,
  }));
}

/**
 * A dense layer's weights, one row per output: reshaped to the maps it reads (each output's weights
 * over a 2 x 12 x 12 input are two 12 x 12 grids, the "template" it matches), or, when the input is a
 * vector, the whole OUT x IN matrix as one grid.
 */
function denseRows(r: ResolvedLayer & { type: 'dense' }): FilterRow[] {
  const [out, inFeatures] = r.layer.weight.shape;
  const [c, h, w] = r.inputShape;
  const name = r.layer.name;
  const weight = { kind: 'weight', layer: r.index } as const;
  const bias = { kind: 'bias', layer: r.index } as const;
  const biasGrid: GridSpec = {
    key: `bias:${r.index}:v`,
    label: `${name} bias`,
    source: { kind: 'parameter', target: bias },
    offset: 0,
    rows: out,
    cols: 1,
    editable: true,
  };
  if (h === 1 && w === 1) {
    const matrix: GridSpec = {
      key: `weight:${r.index}:m`,
      label: `${name} weights`,
      source: { kind: 'parameter', target: weight },
      offset: 0,
      rows: out,
      cols: inFeatures,
      editable: true,
    };
    const title = `${formatCount(out)} outputs x ${formatCount(inFeatures)} inputs`;
    return [{ title, slices: [matrix], bias: r.layer.hasBias ? biasGrid : null }];
  }
  return Array.from({ length: out }, (_, o) => ({
    title: `output ${o + 1}`,
    slices: Array.from({ length: c }, (_, ch) => ({
      key: `weight:${r.index}:${o}:${ch}`,
      label: c === 1 ? `${name} weights ${o + 1}` : `${name} weights ${o + 1} · ch ${ch + 1}`,
      source: { kind: 'parameter', target: weight },
      offset: o * inFeatures + ch * h * w,
      rows: h,
      cols: w,
      editable: true,
    })),
    bias: r.layer.hasBias
      ? { ...biasGrid, key: `bias:${r.index}:${o}`, label: `${name} bias ${o + 1}`, offset: o, rows: 1 }
      : null,
  }));
}

/** "conv2d 3 x 3, stride 1, padding 0", "max pool 2 x 2", "ReLU", "dense 288 -> 10". */
export function kindText(r: ResolvedLayer): string {
  switch (r.type) {
    case 'conv2d': {
      const g = r.geometry;
      const extras: string[] = [];
      if (g.strideH !== 1 || g.strideW !== 1) extras.push(`stride ${pairText(g.strideH, g.strideW)}`);
      const pads = [g.padTop, g.padBottom, g.padLeft, g.padRight];
      if (pads.some((p) => p !== 0))
        extras.push(`padding ${paddingText(r.layer.padding)} ${r.layer.paddingMode}`);
      if (g.dilationH !== 1 || g.dilationW !== 1)
        extras.push(`dilation ${pairText(g.dilationH, g.dilationW)}`);
      if (r.layer.flip) extras.push('flipped');
      if (!r.layer.hasBias) extras.push('no bias');
      return [`conv ${g.kernelH} x ${g.kernelW}`, ...extras].join(', ');
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      const g = r.geometry;
      const kind = r.type === 'maxpool2d' ? 'max pool' : 'average pool';
      const stride =
        g.strideH === g.kernelH && g.strideW === g.kernelW
          ? ''
          : `, stride ${pairText(g.strideH, g.strideW)}`;
      return `${kind} ${g.kernelH} x ${g.kernelW}${stride}`;
    }
    case 'dense':
      return `dense ${formatCount(r.layer.weight.shape[1])} → ${formatCount(r.layer.weight.shape[0])}`;
    case 'relu':
      return 'ReLU';
    case 'leaky_relu':
      return `leaky ReLU, slope ${r.layer.slope}`;
    case 'sigmoid':
      return 'sigmoid';
    case 'tanh':
      return 'tanh';
    case 'globalavgpool':
      return 'global average pool';
    case 'globalmaxpool':
      return 'global max pool';
    case 'flatten':
      return 'flatten';
    case 'softmax':
      return 'softmax';
    case 'dropout':
      return `dropout p ${r.layer.p} (identity when evaluating)`;
  }
}

function pairText(a: number, b: number): string {
  return a === b ? `${a}` : `${a} x ${b}`;
}

function paddingText(p: unknown): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return `${p}`;
  return Array.isArray(p) ? p.join(' x ') : String(p);
}

export function shapeText(shape: Shape3): string {
  return shape.join(' x ');
}

/** Every grid of a block, parameters first, as the sheet lays them out. */
export function gridsOf(block: BlockSpec): GridSpec[] {
  return [
    ...block.filters.flatMap((f) => [...f.slices, ...(f.bias === null ? [] : [f.bias])]),
    ...block.maps,
  ];
}

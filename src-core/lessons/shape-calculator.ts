/**
 * The shape calculator: counts without values, for the networks courses count (shape-presets.ts) and
 * for one conv layer described by its sizes. Everything goes through the same shape arithmetic and
 * counting as the sheet, on shape-only workbooks.
 */
import type { Result } from '../sheet/issues';
import { parseWorkbook } from '../sheet/read';
import { resolveWorkbook, type ResolvedWorkbook } from '../sheet/shapes';
import { alexnetConv1, inceptionBottleneck, inceptionStraight, lenet5, vgg16 } from './shape-presets';

export interface ShapePreset {
  readonly id: string;
  readonly title: string;
  /** The figure courses quote, which the counts reproduce. */
  readonly quote: string;
  readonly json: unknown;
}

export const SHAPE_PRESETS: readonly ShapePreset[] = [
  { id: 'lenet5', title: 'LeNet-5', quote: 'C1: 156 parameters, 122,304 connections', json: lenet5 },
  {
    id: 'alexnet-conv1',
    title: "AlexNet's first layer",
    quote: '55 x 55 x 96 outputs, 34,944 parameters',
    json: alexnetConv1,
  },
  { id: 'vgg16', title: 'VGG-16', quote: '138,357,544 parameters', json: vgg16 },
  {
    id: 'inception-5x5',
    title: 'Inception 5x5 branch',
    quote: 'about 120 million multiplications',
    json: inceptionStraight,
  },
  {
    id: 'inception-bottleneck',
    title: 'Inception 5x5 branch with a 1x1 bottleneck',
    quote: 'about 12.4 million multiplications: a tenth',
    json: inceptionBottleneck,
  },
];

/** A preset's shapes and counts. */
export function resolvePreset(id: string): Result<ResolvedWorkbook> {
  const preset = SHAPE_PRESETS.find((p) => p.id === id);
  if (preset === undefined)
    return { ok: false, errors: [{ path: '', message: `no preset "${id}"` }], warnings: [] };
  return resolveJson(preset.json);
}

/** One conv layer, as the calculator's fields describe it. */
export interface ConvSizes {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly filters: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
}

/** A shape-only workbook of that one layer, resolved: its output shape, parameters, multiplications. */
export function resolveConvSizes(s: ConvSizes): Result<ResolvedWorkbook> {
  return resolveJson({
    format: 'convsheet',
    version: 1,
    name: 'one conv layer',
    input: { shape: [s.channels, s.height, s.width] },
    layers: [
      {
        type: 'conv2d',
        name: 'conv',
        weight: { shape: [s.filters, s.channels, s.kernel, s.kernel] },
        bias: { shape: [s.filters] },
        stride: s.stride,
        padding: s.padding,
      },
    ],
  });
}

function resolveJson(json: unknown): Result<ResolvedWorkbook> {
  const read = parseWorkbook(json);
  return read.ok ? resolveWorkbook(read.value) : read;
}

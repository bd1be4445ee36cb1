/**
 * Workbooks for the xlsx export tests, written as files are (CONTRACTS.md section 2). Values come from a
 * fixed formula, not a random generator, so they never move: value k of a tensor is
 * round(sin(seed + 1.7 k) * 100) / 100, numbers like 0.84 and -0.52 that a reader can retype.
 */
import { parseWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook, type ResolvedWorkbook } from '../../../src-core/sheet/shapes';
import type { Workbook } from '../../../src-core/sheet/types';

export function values(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, k) => Math.round(Math.sin(seed + 1.7 * k) * 100) / 100);
}

function conv(out: number, cin: number, kh: number, kw: number, seed: number, settings: object = {}) {
  return {
    type: 'conv2d',
    weight: { shape: [out, cin, kh, kw], data: values(out * cin * kh * kw, seed) },
    bias: values(out, seed + 0.5),
    ...settings,
  };
}

function dense(out: number, nin: number, seed: number) {
  return {
    type: 'dense',
    weight: { shape: [out, nin], data: values(out * nin, seed) },
    bias: values(out, seed + 0.5),
  };
}

function input(c: number, h: number, w: number, seed: number) {
  // Pixel-like values 0..1, as an image gives.
  return { shape: [c, h, w], data: values(c * h * w, seed).map((v) => Math.abs(v)) };
}

/** Padding, stride and three input channels; "same" with an even kernel pads unequally; replicate. */
export const paddedStridedRgb = {
  format: 'convsheet',
  version: 1,
  name: 'padding, stride, three channels',
  input: input(3, 9, 10, 1),
  layers: [
    conv(4, 3, 3, 3, 2, { padding: 1, stride: 2 }),
    { type: 'relu' },
    conv(3, 4, 2, 2, 3, { padding: 'same', paddingMode: 'replicate' }),
    { type: 'tanh' },
    { type: 'avgpool2d', size: 2, padding: 1 },
    dense(5, 3 * 3 * 3, 4),
    { type: 'softmax' },
  ],
};

/** Every other setting: reflect and circular padding, dilation, flip, rectangular strides, every pool. */
export const everySetting = {
  format: 'convsheet',
  version: 1,
  input: input(2, 8, 9, 5),
  layers: [
    conv(3, 2, 3, 3, 6, { padding: 2, paddingMode: 'reflect', dilation: 2, flip: true }),
    { type: 'leaky_relu', slope: 0.1 },
    { type: 'maxpool2d', size: 3, stride: 2, padding: 1 },
    conv(2, 3, 3, 2, 7, { padding: [1, 2], paddingMode: 'circular', stride: [1, 2] }),
    { type: 'sigmoid' },
    { type: 'avgpool2d', size: [2, 3], stride: 1, padding: 1, countIncludePad: false },
    { type: 'dropout', p: 0.3 },
    { type: 'maxpool2d', size: 2, stride: 1, dilation: 2 },
    { type: 'flatten' },
    dense(3, 12, 8),
    { type: 'softmax' },
  ],
};

/** Global pools and a bias-free conv reading a 1 x 1 map stack. */
export const globalPools = {
  format: 'convsheet',
  version: 1,
  input: input(1, 6, 6, 9),
  layers: [
    { ...conv(4, 1, 3, 3, 10), bias: undefined },
    { type: 'globalmaxpool' },
    conv(2, 4, 1, 1, 11),
    { type: 'globalavgpool' },
    dense(2, 2, 12),
  ],
};

export function workbookOf(json: unknown): Workbook {
  const r = parseWorkbook(JSON.parse(JSON.stringify(json)));
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

export function resolved(workbook: Workbook): ResolvedWorkbook {
  const r = resolveWorkbook(workbook);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

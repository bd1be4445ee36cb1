/**
 * `eval --png DIR`: every map of every layer as a PNG, with the sheet's colours. File names keep the
 * layer order: `00-input-1.png` (channel 1 of the input), `01-conv1-2.png` (map 2 of conv1); a layer
 * whose output is N x 1 x 1 (dense, softmax, flatten, global pools) is one strip `05-fc1.png`, N cells wide.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { gridSlice } from '../src-core/io/csv';
import { gridToRgba, type RenderOptions } from '../src-core/io/image-channels';
import type { Evaluation } from '../src-core/sheet/evaluate';
import type { ResolvedWorkbook } from '../src-core/sheet/shapes';
import type { Tensor } from '../src-core/tensor';
import { InputError } from './args';

/**
 * Each cell is drawn as a k x k square so that small maps are big enough to look at: k is 256 divided
 * by the longest side, at least 1 (a 28 x 28 map becomes 252 x 252 pixels).
 */
export function cellSizeFor(height: number, width: number): number {
  return Math.max(1, Math.floor(256 / Math.max(height, width)));
}

/** A file name part from a layer name: letters, digits, `-` and `_` only. */
function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '_') || 'layer';
}

/**
 * Writes the PNGs and returns their paths. The input is drawn in grayscale (0 black, 1 white) when all
 * its values lie in 0..1, as an image; every layer output, and an input outside 0..1, as a heatmap with
 * the sheet's diverging scale, each map scaled to its own largest absolute value as the sheet does.
 */
export function writePngMaps(dir: string, resolved: ResolvedWorkbook, evaluation: Evaluation): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    throw new InputError(`${dir}: cannot create the folder for --png`);
  }
  const written: string[] = [];
  const digits = Math.max(2, String(resolved.layers.length).length);
  const prefix = (k: number): string => String(k).padStart(digits, '0');
  const input = evaluation.input;
  const unit = input.data.every((v) => v >= 0 && v <= 1);
  written.push(...writeTensor(dir, `${prefix(0)}-input`, input, unit ? { mode: 'gray' } : {}));
  resolved.layers.forEach((r, k) => {
    const out = evaluation.outputs[k];
    if (out !== undefined)
      written.push(...writeTensor(dir, `${prefix(k + 1)}-${safe(r.layer.name)}`, out, {}));
  });
  return written;
}

function writeTensor(dir: string, base: string, t: Tensor, options: RenderOptions): string[] {
  const [c = 1, h = 1, w = 1] = t.shape;
  if (h === 1 && w === 1) {
    // N x 1 x 1: one strip, one cell per value.
    return [writePng(join(dir, `${base}.png`), t.data, 1, c, options)];
  }
  const paths: string[] = [];
  for (let ch = 0; ch < c; ch++) {
    paths.push(writePng(join(dir, `${base}-${ch + 1}.png`), gridSlice(t, [ch]).values, h, w, options));
  }
  return paths;
}

function writePng(
  path: string,
  values: ArrayLike<number>,
  h: number,
  w: number,
  options: RenderOptions,
): string {
  const image = gridToRgba(values, h, w, { ...options, cellSize: cellSizeFor(h, w) });
  const bytes = encode({ width: image.width, height: image.height, data: image.data, channels: 4, depth: 8 });
  try {
    writeFileSync(path, bytes);
  } catch {
    throw new InputError(`${path}: cannot be written`);
  }
  return path;
}

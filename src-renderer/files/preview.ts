/**
 * A grid drawn small for the import preview, in the sheet's colours (each channel on its own scale,
 * as the sheet draws a grid normalised by itself), and its numbers summarised for the preview's text.
 */
import { maxAbs } from '../../src-core/io/colour-scale';
import { gridToRgba } from '../../src-core/io/image-channels';
import type { Tensor } from '../../src-core/tensor';
import type { ColourScaleName } from '../colour';

/** The longest side of one channel's picture, in CSS pixels. */
export const PREVIEW_SIDE = 168;

/** The picture's size for an H x W channel: whole pixels per cell when it is smaller than the box. */
export function previewSize(height: number, width: number): { width: number; height: number } {
  const longest = Math.max(height, width);
  const scale = longest >= PREVIEW_SIDE ? PREVIEW_SIDE / longest : Math.floor(PREVIEW_SIDE / longest);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Draws channel `c` of a C x H x W grid at its own size; CSS scales the canvas up without smoothing. */
export function drawChannel(
  canvas: HTMLCanvasElement,
  grid: Tensor,
  c: number,
  scale: ColourScaleName,
): void {
  const [, h = 1, w = 1] = grid.shape;
  const values = grid.data.subarray(c * h * w, (c + 1) * h * w);
  const rgba = gridToRgba(values, h, w, { mode: 'heatmap', scale, limit: maxAbs(values) });
  canvas.width = w;
  canvas.height = h;
  const context = canvas.getContext('2d');
  if (context === null) return;
  context.putImageData(new ImageData(new Uint8ClampedArray(rgba.data), w, h), 0, 0);
}

export interface GridStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

export function gridStats(values: ArrayLike<number>): GridStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  return values.length === 0 ? { min: 0, max: 0, mean: 0 } : { min, max, mean: sum / values.length };
}

/** Grids up to this many cells a channel show their numbers in the preview. */
export const PREVIEW_NUMBERS = 144;

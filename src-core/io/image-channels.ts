/**
 * Images to input channels and back. Decoding is left to the platform (the browser's decoders in the
 * app, fast-png and jpeg-js in the CLI); both hand over RGBA pixels, 8 bits each, not premultiplied, and
 * from there everything happens here, so the app and the CLI give the same numbers.
 *
 * RGBA -> channels: transparent pixels are laid over a background (white by default, as a page shows
 * them), then each pixel becomes 0..1 values, grayscale or RGB, optionally inverted, then the image is
 * resized by area averaging to the size asked for.
 */
import { tensor, type Tensor } from '../tensor';
import { colourOf, maxAbs, type ColourScaleName } from './colour-scale';

/** Decoded pixels: 4 bytes per pixel (R, G, B, A), row-major, not premultiplied. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

/**
 * Grayscale weights of ITU-R BT.601 luma, in thousandths: Y = 0.299 R + 0.587 G + 0.114 B. These are
 * the weights of PIL's `convert("L")` and torchvision's `rgb_to_grayscale`, so a course's preprocessing
 * gives the same gray (here kept as float64, not rounded to 8 bits). Integer weights keep the sum exact:
 * a gray pixel (v, v, v) gives exactly v / 255.
 */
export const LUMA_BT601 = { r: 299, g: 587, b: 114 } as const;

/** How an image is fitted to a size of another shape. */
export type FitMode = 'stretch' | 'pad' | 'crop';

export interface ChannelOptions {
  /** 'gray' (default): one channel of BT.601 luma; 'rgb': three channels R, G, B. */
  readonly channels?: 'gray' | 'rgb';
  /** 1 - value: dark strokes on white paper become bright strokes on black, as MNIST digits are. */
  readonly invert?: boolean;
  /** What transparent pixels are laid over before anything else; 'white' by default. */
  readonly background?: 'white' | 'black';
  /**
   * Output size. Neither given: the image's own size. One given: the other follows the image's aspect
   * ratio (rounded). Both given: `fit` decides how the image fills them.
   */
  readonly width?: number;
  readonly height?: number;
  /**
   * 'pad' (default): keep the aspect ratio, fit the whole image inside and fill the rest with `padValue`,
   * centred; 'crop': keep the aspect ratio, fill the size and cut the overflow equally from both sides;
   * 'stretch': scale each axis on its own.
   */
  readonly fit?: FitMode;
  /** Value of the cells 'pad' adds (after inversion); 0 by default. */
  readonly padValue?: number;
}

/** The image as C x H x W channels in 0..1 (1 x H x W gray or 3 x H x W RGB). */
export function imageToChannels(image: RgbaImage, options: ChannelOptions = {}): Tensor {
  const { width, height } = image;
  if (image.data.length !== width * height * 4) {
    throw new RangeError(
      `a ${width} x ${height} RGBA image has ${width * height * 4} bytes, got ${image.data.length}`,
    );
  }
  const rgb = options.channels === 'rgb';
  const c = rgb ? 3 : 1;
  const bg = options.background === 'black' ? 0 : 255;
  const px = image.data;
  const values = new Float64Array(c * width * height);
  const plane = width * height;
  const { r: wr, g: wg, b: wb } = LUMA_BT601;
  for (let i = 0; i < plane; i++) {
    const a = px[4 * i + 3] ?? 255;
    // Over the background: c * a + bg * (255 - a), in units of 1/(255 * 255); integers, so exact.
    const over = (v: number): number => v * a + bg * (255 - a);
    const r = over(px[4 * i] ?? 0);
    const g = over(px[4 * i + 1] ?? 0);
    const b = over(px[4 * i + 2] ?? 0);
    if (rgb) {
      values[i] = r / 65025;
      values[plane + i] = g / 65025;
      values[2 * plane + i] = b / 65025;
    } else {
      values[i] = (wr * r + wg * g + wb * b) / (1000 * 65025);
    }
  }
  if (options.invert === true) for (let i = 0; i < values.length; i++) values[i] = 1 - (values[i] ?? 0);
  const source = tensor([c, height, width], values);
  const target = targetSize(width, height, options.width, options.height);
  return fitTo(source, target.width, target.height, options.fit ?? 'pad', options.padValue ?? 0);
}

function targetSize(
  w: number,
  h: number,
  width?: number,
  height?: number,
): { width: number; height: number } {
  const check = (n: number | undefined, what: string): void => {
    if (n !== undefined && (!Number.isInteger(n) || n < 1))
      throw new RangeError(`${what} must be an integer >= 1, got ${n}`);
  };
  check(width, 'width');
  check(height, 'height');
  if (width !== undefined && height !== undefined) return { width, height };
  if (width !== undefined) return { width, height: Math.max(1, Math.round((h * width) / w)) };
  if (height !== undefined) return { width: Math.max(1, Math.round((w * height) / h)), height };
  return { width: w, height: h };
}

/** C x H x W channels fitted to C x outH x outW by area averaging, in the given mode. */
export function fitTo(source: Tensor, outW: number, outH: number, fit: FitMode, padValue = 0): Tensor {
  const [c = 1, h = 1, w = 1] = source.shape;
  if (fit === 'stretch' || w * outH === h * outW) return resizeArea(source, outH, outW);
  if (fit === 'crop') {
    // The largest centred window with the target's aspect ratio, in whole source pixels.
    const cropW = Math.min(w, Math.max(1, Math.round((h * outW) / outH)));
    const cropH = Math.min(h, Math.max(1, Math.round((w * outH) / outW)));
    const top = Math.floor((h - cropH) / 2);
    const left = Math.floor((w - cropW) / 2);
    const cropped = new Float64Array(c * cropH * cropW);
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < cropH; y++)
        for (let x = 0; x < cropW; x++)
          cropped[(ch * cropH + y) * cropW + x] = source.data[(ch * h + y + top) * w + x + left] ?? 0;
    return resizeArea(tensor([c, cropH, cropW], cropped), outH, outW);
  }
  // pad: the whole image inside, as large as fits, centred.
  const innerW = Math.min(outW, Math.max(1, Math.round((w * outH) / h)));
  const innerH = Math.min(outH, Math.max(1, Math.round((h * outW) / w)));
  const inner = resizeArea(source, innerH, innerW);
  const top = Math.floor((outH - innerH) / 2);
  const left = Math.floor((outW - innerW) / 2);
  const out = new Float64Array(c * outH * outW).fill(padValue);
  for (let ch = 0; ch < c; ch++)
    for (let y = 0; y < innerH; y++)
      for (let x = 0; x < innerW; x++)
        out[(ch * outH + y + top) * outW + x + left] = inner.data[(ch * innerH + y) * innerW + x] ?? 0;
  return tensor([c, outH, outW], out);
}

/**
 * Weights of an exact box filter from n cells to m along one axis: output i covers source interval
 * [i n/m, (i+1) n/m). Measured in units of 1/m both ends are integers (i n and (i+1) n; source cell j
 * spans [j m, (j+1) m)), so each weight is an integer overlap divided by n: 3 -> 2 gives
 * out0 = (2 v0 + 1 v1) / 3 and out1 = (1 v1 + 2 v2) / 3.
 */
export function areaWeights(n: number, m: number): { index: number; weight: number }[][] {
  const rows: { index: number; weight: number }[][] = [];
  for (let i = 0; i < m; i++) {
    const start = i * n;
    const end = (i + 1) * n;
    const taps: { index: number; weight: number }[] = [];
    for (let j = Math.floor(start / m); j * m < end && j < n; j++) {
      const overlap = Math.min(end, (j + 1) * m) - Math.max(start, j * m);
      if (overlap > 0) taps.push({ index: j, weight: overlap / n });
    }
    rows.push(taps);
  }
  return rows;
}

/**
 * C x H x W resized to C x outH x outW by area averaging (PIL's `Image.resize(..., BOX)`, OpenCV's
 * INTER_AREA when shrinking): each output cell is the mean of the source area it covers, partial cells
 * weighted by the part covered. Rows, then columns; each pass is a weighted mean with weights summing 1.
 */
export function resizeArea(source: Tensor, outH: number, outW: number): Tensor {
  const [c = 1, h = 1, w = 1] = source.shape;
  if (outH === h && outW === w) return tensor([c, h, w], source.data.slice());
  const rowsW = areaWeights(h, outH);
  const colsW = areaWeights(w, outW);
  const mid = new Float64Array(c * outH * w);
  for (let ch = 0; ch < c; ch++)
    for (let y = 0; y < outH; y++)
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (const t of rowsW[y] ?? []) s += t.weight * (source.data[(ch * h + t.index) * w + x] ?? 0);
        mid[(ch * outH + y) * w + x] = s;
      }
  const out = new Float64Array(c * outH * outW);
  for (let ch = 0; ch < c; ch++)
    for (let y = 0; y < outH; y++)
      for (let x = 0; x < outW; x++) {
        let s = 0;
        for (const t of colsW[x] ?? []) s += t.weight * (mid[(ch * outH + y) * w + t.index] ?? 0);
        out[(ch * outH + y) * outW + x] = s;
      }
  return tensor([c, outH, outW], out);
}

export interface RenderOptions {
  /**
   * 'heatmap' (default): the sheet's colour scale, limit +-`limit` (default: the grid's largest absolute
   * value). 'gray': `range` mapped to black..white, clamped, so a 0..1 map exported and imported again
   * gives its values to within 1/255.
   */
  readonly mode?: 'heatmap' | 'gray';
  readonly scale?: ColourScaleName;
  readonly limit?: number;
  /** Gray only: the values shown black and white; [0, 1] by default, 'auto' the grid's min and max. */
  readonly range?: readonly [number, number] | 'auto';
  /** Each cell drawn as a square of this many pixels (nearest neighbour); 1 by default. */
  readonly cellSize?: number;
}

/** An H x W grid (row-major) drawn as RGBA pixels, opaque, for a PNG or a canvas. */
export function gridToRgba(
  values: ArrayLike<number>,
  height: number,
  width: number,
  options: RenderOptions = {},
): RgbaImage {
  const k = options.cellSize ?? 1;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`cellSize must be an integer >= 1, got ${k}`);
  const outW = width * k;
  const data = new Uint8ClampedArray(outW * height * k * 4);
  const colour = pixelColour(values, options);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colour(values[y * width + x] ?? 0);
      for (let dy = 0; dy < k; dy++)
        for (let dx = 0; dx < k; dx++) {
          const p = 4 * ((y * k + dy) * outW + x * k + dx);
          data[p] = r;
          data[p + 1] = g;
          data[p + 2] = b;
          data[p + 3] = 255;
        }
    }
  return { width: outW, height: height * k, data };
}

function pixelColour(
  values: ArrayLike<number>,
  options: RenderOptions,
): (v: number) => [number, number, number] {
  if (options.mode === 'gray') {
    const [lo, top] = options.range === 'auto' ? minMax(values) : (options.range ?? [0, 1]);
    const hi = top > lo ? top : lo + 1; // a constant grid: its value shows black, not a division by zero
    return (v) => {
      const g = Math.round(Math.min(1, Math.max(0, (v - lo) / (hi - lo))) * 255);
      return Number.isNaN(g) ? [0, 0, 0] : [g, g, g];
    };
  }
  const limit = options.limit ?? maxAbs(values);
  const scale = options.scale ?? 'diverging';
  return (v) => {
    const c = colourOf(v, limit, scale);
    return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
  };
}

function minMax(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

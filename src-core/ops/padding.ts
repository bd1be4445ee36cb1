/**
 * Padding of a C x H x W feature map stack with the meanings of `torch.nn.functional.pad`.
 *
 * Every padded cell either copies one input cell (reflect, replicate, circular) or holds zero (zeros).
 * Padding is therefore an index map, applied per axis: padded cell (r, c) copies input cell
 * (rowSource[r], colSource[c]). Its backward adds each padded cell's gradient to the cell it copies, so a
 * border input cell copied by reflect/replicate/circular padding collects gradient from every copy.
 */
import { reuseOrAllocate, zeros, type Tensor } from '../tensor';
import { assertShape, shape3d } from './checks';
import type { PaddingMode, WindowGeometry } from './geometry';

/** Rows added above and below, columns added left and right (a WindowGeometry fits). */
export type Pads = Pick<WindowGeometry, 'padTop' | 'padBottom' | 'padLeft' | 'padRight'>;

/**
 * The input index (0..n-1) that padded index `p` copies, or -1 for a zero cell. `p` counts from the
 * first padded cell, so input index i sits at p = i + padBefore. Along one axis of [1, 2, 3] with pad 2:
 * zeros 0 0 1 2 3 0 0, reflect 3 2 1 2 3 2 1 (the edge is not repeated), replicate 1 1 1 2 3 3 3,
 * circular 2 3 1 2 3 1 2.
 */
export function paddedSource(p: number, n: number, padBefore: number, mode: PaddingMode): number {
  const i = p - padBefore;
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'zeros':
      return -1;
    case 'replicate':
      return i < 0 ? 0 : n - 1;
    case 'reflect':
      return i < 0 ? -i : 2 * (n - 1) - i;
    case 'circular':
      return ((i % n) + n) % n;
  }
}

/** paddedSource for every padded index 0 .. n + padBefore + padAfter - 1 along one axis. */
export function paddedSourceMap(
  n: number,
  padBefore: number,
  padAfter: number,
  mode: PaddingMode,
): Int32Array {
  const map = new Int32Array(n + padBefore + padAfter);
  for (let p = 0; p < map.length; p++) map[p] = paddedSource(p, n, padBefore, mode);
  return map;
}

/**
 * The input cell that padded cell (paddedRow, paddedCol) of an H x W map copies, or null when it is a
 * zero pad. Coordinates count from the padded grid's top-left corner.
 */
export function paddedSourceCell(
  h: number,
  w: number,
  pads: Pads,
  mode: PaddingMode,
  paddedRow: number,
  paddedCol: number,
): { row: number; col: number } | null {
  const row = paddedSource(paddedRow, h, pads.padTop, mode);
  const col = paddedSource(paddedCol, w, pads.padLeft, mode);
  return row < 0 || col < 0 ? null : { row, col };
}

/**
 * Why these pads are impossible for an H x W map in this mode, as PyTorch's F.pad rules them, or null
 * when they are fine: reflect needs pad < size (it never repeats the edge), circular needs pad <= size
 * (it wraps around at most once); zeros and replicate take any pad.
 */
export function paddingError(h: number, w: number, pads: Pads, mode: PaddingMode): string | null {
  const axes: [string, number, number][] = [
    ['padTop', pads.padTop, h],
    ['padBottom', pads.padBottom, h],
    ['padLeft', pads.padLeft, w],
    ['padRight', pads.padRight, w],
  ];
  for (const [name, pad, size] of axes) {
    if (!Number.isInteger(pad) || pad < 0) return `${name} must be an integer >= 0, got ${pad}`;
    if (mode === 'reflect' && pad >= size) {
      return `reflect padding must be smaller than the input: ${name} ${pad} on a side of ${size}`;
    }
    if (mode === 'circular' && pad > size) {
      return `circular padding cannot wrap around more than once: ${name} ${pad} on a side of ${size}`;
    }
  }
  return null;
}

export function assertPadding(h: number, w: number, pads: Pads, mode: PaddingMode): void {
  const problem = paddingError(h, w, pads, mode);
  if (problem !== null) throw new RangeError(problem);
}

/**
 * F.pad(input, (padLeft, padRight, padTop, padBottom), mode): C x H x W -> C x (H + padTop + padBottom)
 * x (W + padLeft + padRight).
 */
export function pad2dForward(input: Tensor, pads: Pads, mode: PaddingMode, out?: Tensor): Tensor {
  const [c, h, w] = shape3d(input.shape, 'pad2d input');
  assertPadding(h, w, pads, mode);
  const rows = paddedSourceMap(h, pads.padTop, pads.padBottom, mode);
  const cols = paddedSourceMap(w, pads.padLeft, pads.padRight, mode);
  const ph = rows.length;
  const pw = cols.length;
  const result = reuseOrAllocate(out, [c, ph, pw]);
  const src = input.data;
  const dst = result.data;
  for (let ch = 0; ch < c; ch++) {
    for (let r = 0; r < ph; r++) {
      const sr = rows[r] ?? -1;
      const dstRow = (ch * ph + r) * pw;
      const srcRow = (ch * h + sr) * w;
      for (let q = 0; q < pw; q++) {
        const sc = cols[q] ?? -1;
        dst[dstRow + q] = sr < 0 || sc < 0 ? 0 : (src[srcRow + sc] ?? 0);
      }
    }
  }
  return result;
}

/**
 * Gradient of pad2dForward: gradInput[c, r, q] = sum of gradOutput over the padded cells that copy
 * input cell (r, q). `inputShape` is the C x H x W shape given to the forward.
 */
export function pad2dBackward(
  inputShape: readonly number[],
  pads: Pads,
  mode: PaddingMode,
  gradOutput: Tensor,
): Tensor {
  const [c, h, w] = shape3d(inputShape, 'pad2d input');
  assertPadding(h, w, pads, mode);
  const rows = paddedSourceMap(h, pads.padTop, pads.padBottom, mode);
  const cols = paddedSourceMap(w, pads.padLeft, pads.padRight, mode);
  const ph = rows.length;
  const pw = cols.length;
  assertShape(gradOutput, [c, ph, pw], 'pad2d gradOutput');
  const gradInput = zeros([c, h, w]);
  const gi = gradInput.data;
  const go = gradOutput.data;
  for (let ch = 0; ch < c; ch++) {
    for (let r = 0; r < ph; r++) {
      const sr = rows[r] ?? -1;
      if (sr < 0) continue;
      const srcRow = (ch * ph + r) * pw;
      const dstRow = (ch * h + sr) * w;
      for (let q = 0; q < pw; q++) {
        const sc = cols[q] ?? -1;
        if (sc >= 0) gi[dstRow + sc] = (gi[dstRow + sc] ?? 0) + (go[srcRow + q] ?? 0);
      }
    }
  }
  return gradInput;
}

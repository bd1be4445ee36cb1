/**
 * Window geometry shared by convolution and pooling: how a KH x KW window slides over an H x W map.
 * The workbook's settings (`padding: "same"`, pairs, single integers) are resolved into this explicit
 * form by the sheet before any operation runs, so the operations never see a shorthand.
 */

/** How the border is filled before a convolution, with the meanings of `torch.nn.functional.pad`. */
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

export interface WindowGeometry {
  /** Window height and width (KH, KW). */
  readonly kernelH: number;
  readonly kernelW: number;
  /** Step between window positions, rows and columns. */
  readonly strideH: number;
  readonly strideW: number;
  /** Rows added above and below, columns added left and right (unequal only for `same` with even kernels). */
  readonly padTop: number;
  readonly padBottom: number;
  readonly padLeft: number;
  readonly padRight: number;
  /** Spacing between the window's taps: tap (i, j) reads padded row y*strideH + i*dilationH. */
  readonly dilationH: number;
  readonly dilationW: number;
}

/**
 * Output length along one axis, as PyTorch: floor((n + padBefore + padAfter - d(k - 1) - 1) / s) + 1.
 * A result below 1 means the window does not fit; the sheet reports that before calling an operation.
 */
export function outputLength(
  n: number,
  kernel: number,
  stride: number,
  padBefore: number,
  padAfter: number,
  dilation: number,
): number {
  return Math.floor((n + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** Output height and width of a window sliding over an H x W map. */
export function outputSize(h: number, w: number, g: WindowGeometry): [number, number] {
  return [
    outputLength(h, g.kernelH, g.strideH, g.padTop, g.padBottom, g.dilationH),
    outputLength(w, g.kernelW, g.strideW, g.padLeft, g.padRight, g.dilationW),
  ];
}

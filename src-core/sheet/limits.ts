/**
 * Sizes the sheet refuses, so that a mistyped number gives a message instead of exhausting memory.
 * A VGG-16 fits: its largest tensor, the 4096 x 25088 weight of fc6, holds 102,760,448 values.
 */
export const LIMITS = {
  /** Layers in one workbook. */
  layers: 100,
  /**
   * Any one size: C, H, W of the input, OUT, IN, KH, KW of a filter bank, OUT of a dense layer, and every
   * stride, padding, dilation and pool size. A dense layer's IN is exempt: it is the flattened size of
   * the maps reaching it, bounded by `values`.
   */
  dimension: 4096,
  /** Values in one tensor: input, weights, or any layer's output (2^27, 1 GiB of float64). */
  values: 2 ** 27,
} as const;

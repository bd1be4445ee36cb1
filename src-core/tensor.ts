/**
 * A tensor is a shape and its values, row-major, in float64, in PyTorch's layout.
 * A feature map stack is C x H x W; a conv filter bank is OUT x IN x KH x KW; a dense weight is OUT x IN.
 */
export interface Tensor {
  /** Sizes of each axis, outermost first (e.g. [C, H, W]). */
  readonly shape: readonly number[];
  /** The values, row-major: element [c, y, x] of a C x H x W tensor is at (c * H + y) * W + x. */
  readonly data: Float64Array;
}

/** Number of elements of a shape: the product of its sizes (1 for a scalar shape []). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** A tensor of the given shape, filled with zeros, or wrapping `data` (not copied) when given. */
export function tensor(shape: readonly number[], data?: ArrayLike<number> | Float64Array): Tensor {
  const n = sizeOf(shape);
  let values: Float64Array;
  if (data === undefined) values = new Float64Array(n);
  else if (data instanceof Float64Array) values = data;
  else values = Float64Array.from(data);
  if (values.length !== n) {
    throw new RangeError(`shape ${formatShape(shape)} holds ${n} values, got ${values.length}`);
  }
  return { shape: [...shape], data: values };
}

/** A tensor of zeros shaped like `shape`. */
export function zeros(shape: readonly number[]): Tensor {
  return tensor(shape);
}

/** A deep copy: new shape array and new data buffer. */
export function clone(t: Tensor): Tensor {
  return { shape: [...t.shape], data: t.data.slice() };
}

/** True when both shapes have the same sizes on every axis. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** A shape written the course's way: `C x H x W`. */
export function formatShape(shape: readonly number[]): string {
  return shape.join(' x ');
}

/** Reuses `out` when it already has `shape`, otherwise allocates: lets recompute avoid per-edit allocation. */
export function reuseOrAllocate(out: Tensor | undefined, shape: readonly number[]): Tensor {
  return out !== undefined && sameShape(out.shape, shape) ? out : zeros(shape);
}

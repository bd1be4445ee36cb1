/**
 * Guards for impossible arguments. The sheet validates every setting before it calls an operation and
 * shows its own message, so a RangeError from here means a programming error, not a user error.
 */
import type { Tensor } from '../tensor';
import { formatShape, sameShape } from '../tensor';
import type { WindowGeometry } from './geometry';
import { outputSize } from './geometry';

/** Channels, height and width of a C x H x W feature map stack. */
export function shape3d(shape: readonly number[], what: string): [number, number, number] {
  const [c, h, w] = shape;
  if (shape.length !== 3 || c === undefined || h === undefined || w === undefined) {
    throw new RangeError(`${what} must be C x H x W, got ${formatShape(shape)}`);
  }
  return [c, h, w];
}

export function assertShape(t: Tensor, shape: readonly number[], what: string): void {
  if (!sameShape(t.shape, shape)) {
    throw new RangeError(`${what} must be ${formatShape(shape)}, got ${formatShape(t.shape)}`);
  }
}

export function assertLength(a: ArrayLike<number>, n: number, what: string): void {
  if (a.length !== n) throw new RangeError(`${what} must hold ${n} values, got ${a.length}`);
}

function isCount(n: number, min: number): boolean {
  return Number.isInteger(n) && n >= min;
}

/**
 * Output height and width of `g` over an H x W map, after checking that kernel, stride and dilation
 * are integers >= 1, pads are integers >= 0 and the window fits (output at least 1 x 1).
 */
export function windowOutput(h: number, w: number, g: WindowGeometry, what: string): [number, number] {
  const sizes = { kernelH: g.kernelH, kernelW: g.kernelW, strideH: g.strideH, strideW: g.strideW };
  const spacing = { dilationH: g.dilationH, dilationW: g.dilationW };
  for (const [name, v] of Object.entries({ ...sizes, ...spacing })) {
    if (!isCount(v, 1)) throw new RangeError(`${what}: ${name} must be an integer >= 1, got ${v}`);
  }
  const pads = { padTop: g.padTop, padBottom: g.padBottom, padLeft: g.padLeft, padRight: g.padRight };
  for (const [name, v] of Object.entries(pads)) {
    if (!isCount(v, 0)) throw new RangeError(`${what}: ${name} must be an integer >= 0, got ${v}`);
  }
  const [oh, ow] = outputSize(h, w, g);
  if (oh < 1 || ow < 1) {
    throw new RangeError(
      `${what}: a ${g.kernelH} x ${g.kernelW} window (dilation ${g.dilationH}, ${g.dilationW}) ` +
        `does not fit a padded ${h + g.padTop + g.padBottom} x ${w + g.padLeft + g.padRight} map`,
    );
  }
  return [oh, ow];
}

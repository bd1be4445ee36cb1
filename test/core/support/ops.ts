/** Small builders shared by the operation tests. */
import type { WindowGeometry } from '../../../src-core/ops/geometry';
import { createRandom } from '../../../src-core/random';
import { sizeOf, tensor, type Tensor } from '../../../src-core/tensor';

/**
 * A window geometry from the course's shorthand: kernel [KH, KW], stride [sH, sW] (default 1),
 * pads [top, bottom, left, right] (default 0), dilation [dH, dW] (default 1).
 */
export function window(
  kernel: [number, number],
  options: {
    stride?: [number, number];
    pads?: [number, number, number, number];
    dilation?: [number, number];
  } = {},
): WindowGeometry {
  const [strideH, strideW] = options.stride ?? [1, 1];
  const [padTop, padBottom, padLeft, padRight] = options.pads ?? [0, 0, 0, 0];
  const [dilationH, dilationW] = options.dilation ?? [1, 1];
  return {
    kernelH: kernel[0],
    kernelW: kernel[1],
    strideH,
    strideW,
    padTop,
    padBottom,
    padLeft,
    padRight,
    dilationH,
    dilationW,
  };
}

/** Values uniform in (-1, 1), seeded; with `awayFromZero` d, every |value| >= d (no ReLU kinks). */
export function randomTensor(shape: readonly number[], seed: number, awayFromZero = 0): Tensor {
  const random = createRandom(seed);
  return tensor(
    shape,
    Array.from({ length: sizeOf(shape) }, () => {
      const v = random.next() * 2 - 1;
      return v < 0 ? v - awayFromZero : v + awayFromZero;
    }),
  );
}

/**
 * The values -1 .. 1 evenly spaced 2/(n-1) apart, shuffled by `seed`: no two are within a gradient
 * check's step of each other, so a maximum never changes hands under a nudge.
 */
export function distinctTensor(shape: readonly number[], seed: number): Tensor {
  const n = sizeOf(shape);
  const values = Array.from({ length: n }, (_, k) => (n === 1 ? 0.5 : -1 + (2 * k) / (n - 1)));
  const random = createRandom(seed);
  for (let k = n - 1; k > 0; k--) {
    const j = random.int(k + 1);
    const t = values[k] ?? 0;
    values[k] = values[j] ?? 0;
    values[j] = t;
  }
  return tensor(shape, values);
}

/** The values of a tensor as a plain array, for toEqual against a hand-written list. */
export function values(t: Tensor | Float64Array): number[] {
  return Array.from(t instanceof Float64Array ? t : t.data);
}

/** A C x H x W tensor from nested rows: grid([[[1, 2], [3, 4]]]) is 1 x 2 x 2. */
export function grid(channels: number[][][]): Tensor {
  const c = channels.length;
  const h = channels[0]?.length ?? 0;
  const w = channels[0]?.[0]?.length ?? 0;
  return tensor([c, h, w], channels.flat(2));
}

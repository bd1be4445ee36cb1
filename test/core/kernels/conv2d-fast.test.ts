import { afterEach, describe, expect, it } from 'vitest';
import {
  conv2dBackward,
  conv2dBackwardReference,
  conv2dEngine,
  conv2dForward,
  conv2dForwardReference,
  conv2dParameterGradients,
  setConv2dEngine,
} from '../../../src-core/ops/conv2d';
import { outputSize, type PaddingMode, type WindowGeometry } from '../../../src-core/ops/geometry';
import { paddingError } from '../../../src-core/ops/padding';
import { conv2dKernels } from '../../../src-core/kernels/wasm-module';
import { winogradPays } from '../../../src-core/kernels/winograd';
import { createRandom, type Random } from '../../../src-core/random';
import { tensor, type Tensor } from '../../../src-core/tensor';
import { expectClose } from '../support/close';
import { randomTensor, window } from '../support/ops';

// The WebAssembly kernels (src-core/kernels) against the TypeScript reference (ops/conv2d-reference.ts)
// on random shapes and every option. The direct forward adds the same products in the same order, so it
// must be equal bit for bit; the gradients group their sums differently (SIMD lanes, tiles) and layers
// of 3 x 3 filters with 8 or more channels in and out use Winograd's F(2x2, 3x3), so those must agree
// to rounding: 1e-12 of the larger magnitude, far below CONTRACTS' 1e-9 bar.

const MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];
const GRAD_RELATIVE = 1e-12;

interface Call {
  readonly label: string;
  readonly input: Tensor;
  readonly weight: Tensor;
  readonly bias: Float64Array | null;
  readonly g: WindowGeometry;
  readonly mode: PaddingMode;
  readonly flip: boolean;
}

afterEach(() => {
  setConv2dEngine('wasm');
});

function call(
  seed: number,
  [cIn, h, w]: [number, number, number],
  [cOut, kh, kw]: [number, number, number],
  g: WindowGeometry,
  mode: PaddingMode,
  flip: boolean,
  withBias: boolean,
): Call {
  const label = `${cIn}x${h}x${w} * ${cOut}x${cIn}x${kh}x${kw} stride ${g.strideH},${g.strideW} dilation ${g.dilationH},${g.dilationW} pads ${g.padTop},${g.padBottom},${g.padLeft},${g.padRight} ${mode}${flip ? ' flip' : ''}${withBias ? ' bias' : ''}`;
  return {
    label,
    input: randomTensor([cIn, h, w], seed),
    weight: randomTensor([cOut, cIn, kh, kw], seed + 1),
    bias: withBias ? randomTensor([cOut], seed + 2).data : null,
    g,
    mode,
    flip,
  };
}

/** A random call that PyTorch would accept: the window fits and the mode allows the pads. */
function randomCall(random: Random, seed: number): Call {
  const pick = (lo: number, hi: number) => lo + random.int(hi - lo + 1);
  for (;;) {
    const kernel: [number, number] = [pick(1, 4), pick(1, 4)];
    const g = window(kernel, {
      stride: [pick(1, 3), pick(1, 3)],
      dilation: [pick(1, 2), pick(1, 2)],
      pads: [pick(0, 2), pick(0, 2), pick(0, 3), pick(0, 3)],
    });
    const size: [number, number, number] = [pick(1, 5), pick(1, 12), pick(1, 19)];
    const mode = MODES[random.int(MODES.length)] ?? 'zeros';
    const [oh, ow] = outputSize(size[1], size[2], g);
    if (oh < 1 || ow < 1 || paddingError(size[1], size[2], g, mode) !== null) continue;
    return call(
      seed,
      size,
      [pick(1, 9), kernel[0], kernel[1]],
      g,
      mode,
      random.next() < 0.5,
      random.next() < 0.5,
    );
  }
}

function gradOutputFor(c: Call, seed: number): Tensor {
  const [oh, ow] = outputSize(c.input.shape[1] ?? 0, c.input.shape[2] ?? 0, c.g);
  return randomTensor([c.weight.shape[0] ?? 0, oh, ow], seed);
}

/** Whether the forward of `c` runs on the Winograd kernel (see src-core/kernels/winograd.ts). */
function winograd(c: Call): boolean {
  const [cOut, cIn, kh, kw] = c.weight.shape;
  const { strideH, strideW, dilationH, dilationW } = c.g;
  return winogradPays(
    cIn ?? 0,
    cOut ?? 0,
    kh ?? 0,
    kw ?? 0,
    strideH === 1 && strideW === 1,
    dilationH === 1 && dilationW === 1,
  );
}

function expectFastEqualsReference(c: Call, seed: number): void {
  const reference = conv2dForwardReference(c.input, c.weight, c.bias, c.g, c.mode, c.flip);
  const fast = conv2dForward(c.input, c.weight, c.bias, c.g, c.mode, c.flip);
  expect(fast.shape, c.label).toEqual(reference.shape);
  if (winograd(c)) expectClose(fast.data, reference.data, `${c.label}: forward`, GRAD_RELATIVE);
  else expect(Array.from(fast.data), `${c.label}: forward`).toEqual(Array.from(reference.data));

  const gradOutput = gradOutputFor(c, seed);
  const ref = conv2dBackwardReference(c.input, c.weight, c.g, c.mode, c.flip, gradOutput);
  const got = conv2dBackward(c.input, c.weight, c.g, c.mode, c.flip, gradOutput);
  expect(got.gradInput.shape).toEqual(ref.gradInput.shape);
  expect(got.gradWeight.shape).toEqual(ref.gradWeight.shape);
  expectClose(got.gradInput.data, ref.gradInput.data, `${c.label}: dL/dinput`, GRAD_RELATIVE);
  expectClose(got.gradWeight.data, ref.gradWeight.data, `${c.label}: dL/dfilter`, GRAD_RELATIVE);
  expectClose(got.gradBias, ref.gradBias, `${c.label}: dL/dbias`, GRAD_RELATIVE);
  const params = conv2dParameterGradients(c.input, c.weight, c.g, c.mode, c.flip, gradOutput);
  expect(Array.from(params.gradWeight.data)).toEqual(Array.from(got.gradWeight.data));
  expect(Array.from(params.gradBias)).toEqual(Array.from(got.gradBias));
}

describe('the WebAssembly conv2d kernels', () => {
  it('are what conv2d runs on in Node', () => {
    expect(conv2dEngine()).toBe('wasm');
  });

  it('give way to the reference engine when asked', () => {
    setConv2dEngine('reference');
    expect(conv2dEngine()).toBe('reference');
    setConv2dEngine('wasm');
    expect(conv2dEngine()).toBe('wasm');
  });

  it('equal the reference for every padding mode, flip and bias, with stride, dilation and uneven pads', () => {
    let seed = 1;
    for (const mode of MODES) {
      for (const flip of [false, true]) {
        for (const withBias of [false, true]) {
          for (const g of [
            window([3, 3]),
            window([3, 3], { pads: [1, 1, 1, 1] }),
            window([2, 3], { stride: [2, 1], pads: [0, 1, 1, 2] }),
            window([3, 2], { dilation: [2, 1], pads: [2, 1, 1, 0] }),
            window([2, 3], { stride: [1, 2], dilation: [1, 2], pads: [1, 2, 2, 1] }),
            window([3, 3], { stride: [3, 2], dilation: [2, 2], pads: [2, 2, 2, 2] }),
          ]) {
            expectFastEqualsReference(
              call(seed, [3, 7, 9], [5, g.kernelH, g.kernelW], g, mode, flip, withBias),
              seed,
            );
            seed += 10;
          }
        }
      }
    }
  });

  it('equal the reference on every tile edge: filter counts 1..9 and widths 1..19', () => {
    // The forward works in tiles of 4 filters x 4 or 2 columns (single filters: 8, 4 or 2 columns), the
    // filter gradient in blocks of 4 filters x 2 taps x 2 columns (else 4 columns): these sizes cross
    // every boundary between a full tile and its remainder, odd widths included.
    let seed = 1000;
    for (let cOut = 1; cOut <= 9; cOut++) {
      for (let w = 1; w <= 19; w++) {
        const g = window([1, Math.min(w, 3)], { pads: [0, 0, w % 2, 0] });
        expectFastEqualsReference(call(seed, [2, 3, w], [cOut, 1, g.kernelW], g, 'zeros', false, true), seed);
        seed += 10;
      }
    }
  });

  it('equal the reference on 300 random shapes and settings', () => {
    const random = createRandom(20240);
    for (let k = 0; k < 300; k++) expectFastEqualsReference(randomCall(random, 5000 + 10 * k), 5000 + 10 * k);
  });

  it('equal the reference through the Winograd kernel: odd and even sizes, every mode, many tiles', () => {
    let seed = 3000;
    const sizes: [number, number, number, number][] = [
      // C_in, C_out, H, W: remainders of 4 filters and 4 tiles, odd outputs, one tile, many chunks.
      [8, 8, 4, 4],
      [8, 9, 5, 7],
      [9, 10, 6, 3],
      [12, 8, 3, 3],
      [8, 11, 13, 12],
      [16, 32, 20, 21],
      [8, 8, 70, 66],
    ];
    for (const [cIn, cOut, h, w] of sizes) {
      for (const mode of MODES) {
        for (const pad of [0, 1]) {
          const g = window([3, 3], { pads: [pad, pad, pad, pad] });
          const c = call(seed, [cIn, h, w], [cOut, 3, 3], g, mode, seed % 3 === 0, seed % 2 === 0);
          expect(winograd(c)).toBe(true);
          expectFastEqualsReference(c, seed);
          seed += 10;
        }
      }
    }
  });

  it('equal the reference on the benchmark shapes', () => {
    const shapes: [[number, number, number], [number, number, number], number][] = [
      [[1, 28, 28], [8, 3, 3], 0],
      [[3, 64, 64], [16, 3, 3], 1],
      [[1, 96, 96], [4, 5, 5], 0],
      [[16, 32, 32], [32, 3, 3], 1],
    ];
    shapes.forEach(([input, filters, p], k) => {
      const g = window([filters[1], filters[2]], { pads: [p, p, p, p] });
      expectFastEqualsReference(call(900 + k, input, filters, g, 'zeros', false, true), 900 + k);
    });
  });

  it('reuse the output buffer and keep results apart between calls', () => {
    const a = call(1, [2, 6, 6], [3, 3, 3], window([3, 3]), 'zeros', false, true);
    const b = call(2, [2, 6, 6], [3, 3, 3], window([3, 3]), 'zeros', false, true);
    const out = tensor([3, 4, 4]);
    const first = Array.from(conv2dForward(a.input, a.weight, a.bias, a.g, a.mode, a.flip, out).data);
    const again = conv2dForward(b.input, b.weight, b.bias, b.g, b.mode, b.flip, out);
    expect(again).toBe(out);
    expect(Array.from(again.data)).toEqual(
      Array.from(conv2dForwardReference(b.input, b.weight, b.bias, b.g, b.mode, b.flip).data),
    );
    expect(first).toEqual(
      Array.from(conv2dForwardReference(a.input, a.weight, a.bias, a.g, a.mode, a.flip).data),
    );
  });

  it('give back the memory of a call larger than they keep (64 MB), then carry on', () => {
    const before = conv2dKernels();
    // 1 x 1600 x 1600 through 3 filters: about 100 MB of scratch memory.
    const big = call(4, [1, 1600, 1600], [3, 1, 1], window([1, 1]), 'zeros', false, true);
    const out = conv2dForward(big.input, big.weight, big.bias, big.g, big.mode, big.flip);
    expect(out.data[1600 * 1600 + 5]).toBe(
      (big.weight.data[1] ?? 0) * (big.input.data[5] ?? 0) + (big.bias?.[1] ?? 0),
    );
    const after = conv2dKernels();
    expect(after).not.toBe(before);
    expect(after?.exports.memory.buffer.byteLength).toBeLessThan(64 * 2 ** 20);
    expectFastEqualsReference(call(5, [2, 9, 9], [5, 3, 3], window([3, 3]), 'circular', true, true), 5);
  });

  it('handle a map larger than the scratch memory held so far', () => {
    const c = call(
      3,
      [3, 300, 301],
      [2, 3, 3],
      window([3, 3], { pads: [1, 1, 1, 1] }),
      'reflect',
      true,
      true,
    );
    expectFastEqualsReference(c, 3);
  });
});

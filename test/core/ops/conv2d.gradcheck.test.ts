import { describe, expect, it } from 'vitest';
import { conv2dBackward, conv2dForward } from '../../../src-core/ops/conv2d';
import type { PaddingMode, WindowGeometry } from '../../../src-core/ops/geometry';
import { pad2dBackward, pad2dForward } from '../../../src-core/ops/padding';
import { expectGradientsMatch } from '../support/gradcheck';
import { randomTensor, values, window } from '../support/ops';

interface ConvCase {
  readonly name: string;
  /** C_in x H x W */
  readonly input: [number, number, number];
  /** C_out, KH, KW */
  readonly filters: [number, number, number];
  readonly g: WindowGeometry;
  readonly modes: readonly PaddingMode[];
  readonly flip?: boolean;
}

const allModes: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

const cases: ConvCase[] = [
  {
    name: '3 filters of 2 x 3 x 3, pad 1 all round',
    input: [2, 5, 6],
    filters: [3, 3, 3],
    g: window([3, 3], { pads: [1, 1, 1, 1] }),
    modes: allModes,
  },
  {
    name: 'non-square 2 x 3 kernel, asymmetric pads (0, 1, 1, 2), stride [2, 1]',
    input: [2, 5, 7],
    filters: [2, 2, 3],
    g: window([2, 3], { stride: [2, 1], pads: [0, 1, 1, 2] }),
    modes: allModes,
  },
  {
    name: '3 x 2 kernel, dilation [2, 1], pads (2, 1, 1, 0)',
    input: [3, 6, 5],
    filters: [2, 3, 2],
    g: window([3, 2], { dilation: [2, 1], pads: [2, 1, 1, 0] }),
    modes: allModes,
  },
  {
    name: 'flipped 2 x 3 kernel, stride [1, 2], dilation [1, 2], pads (1, 2, 2, 1)',
    input: [2, 4, 5],
    filters: [2, 2, 3],
    g: window([2, 3], { stride: [1, 2], dilation: [1, 2], pads: [1, 2, 2, 1] }),
    modes: allModes,
    flip: true,
  },
  {
    name: 'pads of 2 rows and 3 columns on a 3 x 4 map, the most reflect allows',
    input: [1, 3, 4],
    filters: [1, 2, 2],
    g: window([2, 2], { pads: [2, 2, 3, 3] }),
    modes: ['zeros', 'reflect', 'replicate'],
  },
  {
    name: 'circular padding that wraps the whole 3 x 4 map',
    input: [1, 3, 4],
    filters: [2, 3, 3],
    g: window([3, 3], { pads: [3, 3, 4, 4], stride: [2, 3] }),
    modes: ['zeros', 'replicate', 'circular'],
  },
  {
    name: 'no padding, stride [2, 2] that leaves trailing rows and columns unread',
    input: [2, 6, 7],
    filters: [2, 3, 2],
    g: window([3, 2], { stride: [2, 2] }),
    modes: ['zeros'],
    flip: true,
  },
];

describe('conv2d gradients match central differences', () => {
  let seed = 100;
  for (const c of cases) {
    for (const mode of c.modes) {
      const s = (seed += 3);
      it(`${c.name}, ${mode}`, () => {
        const [cIn] = c.input;
        const [cOut, kh, kw] = c.filters;
        const input = randomTensor(c.input, s);
        const weight = randomTensor([cOut, cIn, kh, kw], s + 1);
        const bias = randomTensor([cOut], s + 2).data;
        const flip = c.flip ?? false;
        expectGradientsMatch({
          params: { input: input.data, weight: weight.data, bias },
          forward: () => conv2dForward(input, weight, bias, c.g, mode, flip),
          backward: (gradOutput) => {
            const grads = conv2dBackward(input, weight, c.g, mode, flip, gradOutput);
            return { input: grads.gradInput, weight: grads.gradWeight, bias: grads.gradBias };
          },
          seed: s,
        });
      });
    }
  }
});

describe('pad2d gradients match central differences', () => {
  for (const mode of allModes) {
    it(`${mode}, pads (2, 1, 0, 3) of a 2 x 3 x 4 stack`, () => {
      const input = randomTensor([2, 3, 4], 5);
      const pads = window([1, 1], { pads: [2, 1, 0, 3] });
      expectGradientsMatch({
        params: { input: input.data },
        forward: () => pad2dForward(input, pads, mode),
        backward: (gradOutput) => ({ input: pad2dBackward(input.shape, pads, mode, gradOutput) }),
      });
    });
  }

  it('matches F.pad followed by a padding-0 conv2d, value for value', () => {
    const input = randomTensor([2, 3, 4], 9);
    const weight = randomTensor([1, 2, 2, 2], 10);
    const g = window([2, 2], { pads: [1, 2, 2, 1] });
    for (const mode of allModes) {
      const direct = conv2dForward(input, weight, null, g, mode, false);
      const viaPad = conv2dForward(
        pad2dForward(input, g, mode),
        weight,
        null,
        window([2, 2]),
        'zeros',
        false,
      );
      expect(values(direct), mode).toEqual(values(viaPad));
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  avgPool2dBackward,
  avgPool2dDivisor,
  avgPool2dForward,
  maxPool2dArgmax,
  maxPool2dBackward,
  maxPool2dForward,
  poolPaddingError,
  poolWindowCells,
} from '../../../src-core/ops/pool';
import { tensor } from '../../../src-core/tensor';
import { expectGradientsMatch } from '../support/gradcheck';
import { distinctTensor, grid, randomTensor, values, window } from '../support/ops';

const oneToNine = grid([
  [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ],
]);
const oneTo16 = tensor(
  [1, 4, 4],
  Array.from({ length: 16 }, (_, k) => k + 1),
);

describe('maxPool2d by hand', () => {
  it('takes the maximum of each 2 x 2 window, floor size, trailing row and column unread', () => {
    const out = maxPool2dForward(oneToNine, window([2, 2], { stride: [2, 2] }));
    expect(out.shape).toEqual([1, 1, 1]);
    expect(values(out)).toEqual([5]);
    expect(values(maxPool2dForward(oneTo16, window([2, 2], { stride: [2, 2] })))).toEqual([6, 8, 14, 16]);
  });

  it('gives the gradient of a tie to the first maximum in row-major order', () => {
    const tied = grid([
      [
        [1, 3],
        [3, 2],
      ],
    ]);
    const g = window([2, 2], { stride: [2, 2] });
    const argmax = new Int32Array(1);
    expect(values(maxPool2dForward(tied, g, undefined, argmax))).toEqual([3]);
    expect(Array.from(argmax)).toEqual([1]);
    expect(values(maxPool2dBackward(tied, g, tensor([1, 1, 1], [5]), argmax))).toEqual([0, 5, 0, 0]);
    expect(values(maxPool2dBackward(tied, g, tensor([1, 1, 1], [5])))).toEqual([0, 5, 0, 0]);
  });

  it('adds up the gradients of overlapping windows that share a winner', () => {
    // stride 1: windows over columns 0-1 and 1-2 of 1 9 2 both pick the 9
    const row = grid([[[1, 9, 2]]]);
    const g = window([1, 2]);
    expect(values(maxPool2dBackward(row, g, tensor([1, 1, 2], [0.5, 2])))).toEqual([0, 2.5, 0]);
  });

  it('pads with -Infinity, so negative inputs are never replaced by a pad zero', () => {
    const negative = grid([
      [
        [-1, -2],
        [-3, -4],
      ],
    ]);
    const g = window([2, 2], { stride: [2, 2], pads: [1, 1, 1, 1] });
    expect(values(maxPool2dForward(negative, g))).toEqual([-1, -2, -3, -4]);
    // argmax counts across the whole C x H x W stack
    expect(Array.from(maxPool2dArgmax(negative, g))).toEqual([0, 1, 2, 3]);
  });

  it('spaces its taps by the dilation', () => {
    // taps (0,0) (0,2) (2,0) (2,2) of the window at (0, 0): max(1, 3, 9, 11) = 11
    expect(values(maxPool2dForward(oneTo16, window([2, 2], { dilation: [2, 2] })))).toEqual([11, 12, 15, 16]);
  });

  it('records argmax per channel, as flat indices into the input', () => {
    const two = tensor([2, 1, 2], [7, 8, 6, 5]);
    expect(Array.from(maxPool2dArgmax(two, window([1, 2])))).toEqual([1, 2]);
  });
});

describe('avgPool2d by hand', () => {
  // kernel 2, stride 2, pad 1 on 1..9: the windows hold {1}, {2, 3}, {4, 7}, {5, 6, 8, 9}
  const g = window([2, 2], { stride: [2, 2], pads: [1, 1, 1, 1] });

  it('counts pad cells in the divisor by default (countIncludePad true): always 2 * 2', () => {
    expect([0, 1].flatMap((y) => [0, 1].map((x) => avgPool2dDivisor(3, 3, g, true, y, x)))).toEqual([
      4, 4, 4, 4,
    ]);
    expect(values(avgPool2dForward(oneToNine, g))).toEqual([1 / 4, 5 / 4, 11 / 4, 28 / 4]);
  });

  it('counts only the real cells with countIncludePad false: 1, 2, 2, 4', () => {
    expect([0, 1].flatMap((y) => [0, 1].map((x) => avgPool2dDivisor(3, 3, g, false, y, x)))).toEqual([
      1, 2, 2, 4,
    ]);
    expect(values(avgPool2dForward(oneToNine, g, false))).toEqual([1, 5 / 2, 11 / 2, 28 / 4]);
  });

  it('3 x 3 windows with pad 1: the corner divides 1 + 2 + 4 + 5 = 12 by 9 or by 4', () => {
    const g3 = window([3, 3], { pads: [1, 1, 1, 1] });
    const counted = avgPool2dForward(oneToNine, g3, true);
    const real = avgPool2dForward(oneToNine, g3, false);
    expect(values(counted)[0]).toBe(12 / 9);
    expect(values(real)[0]).toBe(12 / 4);
    // top edge: 1 + 2 + 3 + 4 + 5 + 6 = 21 over 9 or 6; centre: 45 / 9 either way
    expect(values(counted)[1]).toBe(21 / 9);
    expect(values(real)[1]).toBe(21 / 6);
    expect(values(counted)[4]).toBe(5);
    expect(values(real)[4]).toBe(5);
  });

  it('shares each window gradient among its real cells by the same divisor', () => {
    const gradOut = tensor([1, 2, 2], [4, 4, 4, 4]);
    expect(values(avgPool2dBackward(oneToNine, g, gradOut, true))).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(values(avgPool2dBackward(oneToNine, g, gradOut, false))).toEqual([4, 2, 2, 2, 1, 1, 2, 1, 1]);
  });
});

describe('pooling rules', () => {
  it('refuses padding above half the window, as PyTorch', () => {
    expect(poolPaddingError(window([2, 2], { pads: [1, 1, 1, 1] }))).toBeNull();
    expect(poolPaddingError(window([3, 3], { pads: [1, 1, 1, 1] }))).toBeNull();
    expect(poolPaddingError(window([3, 3], { pads: [2, 0, 0, 0] }))).toMatch('at most half the window');
    expect(poolPaddingError(window([3, 2], { pads: [0, 0, 0, 2] }))).toMatch('window 2 wide');
    expect(() => maxPool2dForward(oneToNine, window([3, 3], { pads: [2, 2, 2, 2] }))).toThrow(RangeError);
    expect(() => avgPool2dForward(oneToNine, window([2, 2], { dilation: [2, 1] }))).toThrow('no dilation');
  });

  it('lists the real cells of a window in row-major order', () => {
    expect(poolWindowCells(3, 3, window([2, 2], { stride: [2, 2], pads: [1, 1, 1, 1] }), 0, 1)).toEqual([
      { row: 0, col: 1 },
      { row: 0, col: 2 },
    ]);
  });
});

describe('pooling gradients match central differences', () => {
  const maxCases = [
    { name: '3 x 3, stride 2, pad 1', g: window([3, 3], { stride: [2, 2], pads: [1, 1, 1, 1] }) },
    {
      name: '2 x 3, stride [2, 1], pads (1, 0, 1, 1)',
      g: window([2, 3], { stride: [2, 1], pads: [1, 0, 1, 1] }),
    },
    { name: '2 x 2, dilation [2, 1], pad 1', g: window([2, 2], { dilation: [2, 1], pads: [1, 1, 1, 1] }) },
  ];
  for (const { name, g } of maxCases) {
    it(`maxPool2d ${name}`, () => {
      const input = distinctTensor([2, 5, 6], 41);
      expectGradientsMatch({
        params: { input: input.data },
        forward: () => maxPool2dForward(input, g),
        backward: (gradOutput) => ({ input: maxPool2dBackward(input, g, gradOutput) }),
      });
    });
  }

  const avgCases = [
    { name: '3 x 3, stride 2, pad 1', g: window([3, 3], { stride: [2, 2], pads: [1, 1, 1, 1] }) },
    {
      name: '2 x 3, stride [1, 2], pads (1, 0, 0, 1)',
      g: window([2, 3], { stride: [1, 2], pads: [1, 0, 0, 1] }),
    },
    { name: '3 x 2, stride 1, pads (1, 1, 1, 0)', g: window([3, 2], { pads: [1, 1, 1, 0] }) },
  ];
  for (const { name, g } of avgCases) {
    for (const countIncludePad of [true, false]) {
      it(`avgPool2d ${name}, countIncludePad ${countIncludePad}`, () => {
        const input = randomTensor([2, 5, 6], 43);
        expectGradientsMatch({
          params: { input: input.data },
          forward: () => avgPool2dForward(input, g, countIncludePad),
          backward: (gradOutput) => ({ input: avgPool2dBackward(input, g, gradOutput, countIncludePad) }),
        });
      });
    }
  }
});

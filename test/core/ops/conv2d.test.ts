import { describe, expect, it } from 'vitest';
import { conv2dBackward, conv2dForward, conv2dTaps } from '../../../src-core/ops/conv2d';
import type { PaddingMode } from '../../../src-core/ops/geometry';
import { reluForward } from '../../../src-core/ops/activation';
import { tensor } from '../../../src-core/tensor';
import { grid, values, window } from '../support/ops';

const oneToNine = grid([
  [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ],
]);

/** A 1 x 1 x KH x KW filter bank. */
function filter(rows: number[][]) {
  return tensor([1, 1, rows.length, rows[0]?.length ?? 0], rows.flat());
}

describe('conv2d: the course examples', () => {
  it('slides a 2x2 filter [w x; y z] over the 3x3 input 1..9', () => {
    for (const [w, x, y, z] of [
      [1, 0, 0, 0],
      [0.5, -1, 2, 3],
      [-2, 0.25, 1.5, -0.75],
    ] as const) {
      const out = conv2dForward(
        oneToNine,
        filter([
          [w, x],
          [y, z],
        ]),
        null,
        window([2, 2]),
        'zeros',
        false,
      );
      expect(out.shape).toEqual([1, 2, 2]);
      expect(values(out)).toEqual([
        1 * w + 2 * x + 4 * y + 5 * z,
        2 * w + 3 * x + 5 * y + 6 * z,
        4 * w + 5 * x + 7 * y + 8 * z,
        5 * w + 6 * x + 8 * y + 9 * z,
      ]);
    }
  });

  describe('the 1-D signal 0,0,1,1,1,0,1,0,0,0 with the filter -1,1,-1', () => {
    const signal = grid([[[0, 0, 1, 1, 1, 0, 1, 0, 0, 0]]]);
    const spot = filter([[-1, 1, -1]]);

    it('gives -1 for the first window, 0 for the next, and 8 values in all', () => {
      const out = conv2dForward(signal, spot, null, window([1, 3]), 'zeros', false);
      expect(out.shape).toEqual([1, 1, 8]);
      // windows: 001 011 111 110 101 010 100 000
      expect(values(out)).toEqual([-1, 0, -1, 0, -2, 1, -1, 0]);
    });

    it('keeps only the isolated 1 after ReLU', () => {
      const out = reluForward(conv2dForward(signal, spot, null, window([1, 3]), 'zeros', false));
      expect(values(out)).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
      // output 5's window is centred on input 6, the isolated 1
      expect(values(out).indexOf(1) + 1).toBe(6);
    });

    it('gives 10 values with zero padding 1 left and right, the positive one at the isolated 1', () => {
      const g = window([1, 3], { pads: [0, 0, 1, 1] });
      const out = conv2dForward(signal, spot, null, g, 'zeros', false);
      expect(out.shape).toEqual([1, 1, 10]);
      // padded: 0 | 0 0 1 1 1 0 1 0 0 0 | 0
      expect(values(out)).toEqual([0, -1, 0, -1, 0, -2, 1, -1, 0, 0]);
      expect(values(reluForward(out)).indexOf(1)).toBe(6);
    });
  });
});

describe('conv2d: padding modes, written out by hand', () => {
  // 1..9 padded by 1 on every side; reflect mirrors without repeating the edge, replicate repeats the
  // edge, circular wraps around to the opposite side.
  const padded: Record<PaddingMode, number[][]> = {
    zeros: [
      [0, 0, 0, 0, 0],
      [0, 1, 2, 3, 0],
      [0, 4, 5, 6, 0],
      [0, 7, 8, 9, 0],
      [0, 0, 0, 0, 0],
    ],
    reflect: [
      [5, 4, 5, 6, 5],
      [2, 1, 2, 3, 2],
      [5, 4, 5, 6, 5],
      [8, 7, 8, 9, 8],
      [5, 4, 5, 6, 5],
    ],
    replicate: [
      [1, 1, 2, 3, 3],
      [1, 1, 2, 3, 3],
      [4, 4, 5, 6, 6],
      [7, 7, 8, 9, 9],
      [7, 7, 8, 9, 9],
    ],
    circular: [
      [9, 7, 8, 9, 7],
      [3, 1, 2, 3, 1],
      [6, 4, 5, 6, 4],
      [9, 7, 8, 9, 7],
      [3, 1, 2, 3, 1],
    ],
  };

  for (const mode of ['zeros', 'reflect', 'replicate', 'circular'] as const) {
    it(`${mode}: a filter with a single 1 at (i, j) reads padded[y + i][x + j]`, () => {
      const g = window([3, 3], { pads: [1, 1, 1, 1] });
      const grid5 = padded[mode];
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          const pick = [0, 0, 0, 0, 0, 0, 0, 0, 0];
          pick[i * 3 + j] = 1;
          const out = conv2dForward(oneToNine, tensor([1, 1, 3, 3], pick), null, g, mode, false);
          const expected = [0, 1, 2].flatMap((y) => [0, 1, 2].map((x) => grid5[y + i]?.[x + j]));
          expect(values(out), `tap (${i}, ${j})`).toEqual(expected);
        }
      }
    });
  }

  it('pads asymmetrically: reflect with 2 columns left and 1 right of 1 2 3', () => {
    const row = grid([[[1, 2, 3]]]);
    const identity = filter([[1]]);
    const out = conv2dForward(row, identity, null, window([1, 1], { pads: [0, 0, 2, 1] }), 'reflect', false);
    expect(values(out)).toEqual([3, 2, 1, 2, 3, 2]);
    const circ = conv2dForward(
      row,
      identity,
      null,
      window([1, 1], { pads: [0, 0, 2, 1] }),
      'circular',
      false,
    );
    expect(values(circ)).toEqual([2, 3, 1, 2, 3, 1]);
    const rep = conv2dForward(
      row,
      identity,
      null,
      window([1, 1], { pads: [0, 0, 2, 1] }),
      'replicate',
      false,
    );
    expect(values(rep)).toEqual([1, 1, 1, 2, 3, 3]);
  });

  it('pads only the bottom row for padTop 0, padBottom 1 (same with an even kernel)', () => {
    const g = window([2, 2], { pads: [0, 1, 0, 1] });
    const sum = filter([
      [1, 1],
      [1, 1],
    ]);
    const out = conv2dForward(oneToNine, sum, null, g, 'zeros', false);
    expect(out.shape).toEqual([1, 3, 3]);
    expect(values(out)).toEqual([12, 16, 9, 24, 28, 15, 15, 17, 9]);
  });

  it('sends the gradient of each padded copy back to the cell it copies', () => {
    const row = grid([[[10, 20, 40]]]);
    const identity = filter([[1]]);
    const g = window([1, 1], { pads: [0, 0, 1, 1] });
    const ones = tensor([1, 1, 5], [1, 1, 1, 1, 1]);
    // zeros [0 a b c 0], reflect [b a b c b], replicate [a a b c c], circular [c a b c a]
    const expected: Record<PaddingMode, number[]> = {
      zeros: [1, 1, 1],
      reflect: [1, 3, 1],
      replicate: [2, 1, 2],
      circular: [2, 1, 2],
    };
    for (const mode of ['zeros', 'reflect', 'replicate', 'circular'] as const) {
      const { gradInput, gradWeight } = conv2dBackward(row, identity, g, mode, false, ones);
      expect(values(gradInput), mode).toEqual(expected[mode]);
      // dL/dweight = sum of the padded row: 0+10+20+40+0, 20+10+20+40+20, 10+10+20+40+40, 40+10+20+40+10
      const sumOfPadded = { zeros: 70, reflect: 110, replicate: 120, circular: 120 }[mode];
      expect(values(gradWeight), mode).toEqual([sumOfPadded]);
    }
  });
});

describe('conv2d: flip, stride, dilation, bias, channels', () => {
  const asymmetric = filter([
    [1, 2],
    [3, 4],
  ]);

  it('cross-correlates by default and convolves (rotates the filter 180 degrees) with flip', () => {
    const g = window([2, 2]);
    // 1*1 + 2*2 + 3*4 + 4*5 = 37, ...
    expect(values(conv2dForward(oneToNine, asymmetric, null, g, 'zeros', false))).toEqual([37, 47, 67, 77]);
    // with [4 3; 2 1]: 4*1 + 3*2 + 2*4 + 1*5 = 23, ...
    expect(values(conv2dForward(oneToNine, asymmetric, null, g, 'zeros', true))).toEqual([23, 33, 53, 63]);
  });

  it('puts the flipped gradient back on the stored weight', () => {
    const g = window([2, 2]);
    const one = tensor([1, 1, 1], [1]);
    const plain = conv2dBackward(
      grid([
        [
          [1, 2],
          [3, 4],
        ],
      ]),
      asymmetric,
      g,
      'zeros',
      false,
      one,
    );
    const flipped = conv2dBackward(
      grid([
        [
          [1, 2],
          [3, 4],
        ],
      ]),
      asymmetric,
      g,
      'zeros',
      true,
      one,
    );
    expect(values(plain.gradWeight)).toEqual([1, 2, 3, 4]);
    expect(values(flipped.gradWeight)).toEqual([4, 3, 2, 1]);
    expect(values(plain.gradInput)).toEqual([1, 2, 3, 4]);
    expect(values(flipped.gradInput)).toEqual([4, 3, 2, 1]);
  });

  it('steps by the stride and spaces taps by the dilation', () => {
    const oneTo25 = tensor(
      [1, 5, 5],
      Array.from({ length: 25 }, (_, k) => k + 1),
    );
    const ones3 = filter([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    const strided = conv2dForward(oneTo25, ones3, null, window([3, 3], { stride: [2, 2] }), 'zeros', false);
    // 1+2+3+6+7+8+11+12+13 = 63; each step right adds 2 per cell (9 cells), down adds 10 per cell
    expect(values(strided)).toEqual([63, 81, 153, 171]);
    const rowsOnly = conv2dForward(oneTo25, ones3, null, window([3, 3], { stride: [2, 1] }), 'zeros', false);
    expect(rowsOnly.shape).toEqual([1, 2, 3]);
    expect(values(rowsOnly)).toEqual([63, 72, 81, 153, 162, 171]);
    const ones2 = filter([
      [1, 1],
      [1, 1],
    ]);
    const dilated = conv2dForward(oneTo25, ones2, null, window([2, 2], { dilation: [2, 2] }), 'zeros', false);
    // taps (0,0) (0,2) (2,0) (2,2): 1 + 3 + 11 + 13 = 28
    expect(dilated.shape).toEqual([1, 3, 3]);
    expect(values(dilated)).toEqual([28, 32, 36, 48, 52, 56, 68, 72, 76]);
  });

  it('sums over the input channels of a 3-D filter and adds the bias', () => {
    const input = tensor([2, 2, 2], [1, 2, 3, 4, 10, 20, 30, 40]);
    // filter 0: channel 0 all ones, channel 1 half the left cell; filter 1: channel 1 times -1 only
    const weight = tensor([2, 2, 1, 2], [1, 1, 0.5, 0, 0, 0, -1, -1]);
    const out = conv2dForward(input, weight, new Float64Array([0.5, 2]), window([1, 2]), 'zeros', false);
    expect(out.shape).toEqual([2, 2, 1]);
    // (1 + 2) + 0.5*10 + 0.5 = 8.5; (3 + 4) + 0.5*30 + 0.5 = 22.5; -(10 + 20) + 2 = -28; -(30 + 40) + 2 = -68
    expect(values(out)).toEqual([8.5, 22.5, -28, -68]);
  });

  it('reuses the output tensor it is given', () => {
    const g = window([2, 2]);
    const first = conv2dForward(oneToNine, asymmetric, null, g, 'zeros', false);
    const again = conv2dForward(
      grid([
        [
          [0, 0, 0],
          [0, 1, 0],
          [0, 0, 0],
        ],
      ]),
      asymmetric,
      null,
      g,
      'zeros',
      false,
      first,
    );
    expect(again).toBe(first);
    expect(values(again)).toEqual([4, 3, 2, 1]);
  });

  it('refuses impossible arguments with a RangeError', () => {
    const g = window([2, 2]);
    expect(() => conv2dForward(oneToNine, tensor([1, 2, 2, 2]), null, g, 'zeros', false)).toThrow(
      'conv2d filters have 2 input channels but the input has 1',
    );
    expect(() => conv2dForward(oneToNine, asymmetric, new Float64Array(2), g, 'zeros', false)).toThrow(
      RangeError,
    );
    expect(() =>
      conv2dForward(oneToNine, asymmetric, null, window([2, 2], { pads: [3, 3, 0, 0] }), 'reflect', false),
    ).toThrow('reflect padding must be smaller than the input');
    expect(() =>
      conv2dForward(oneToNine, asymmetric, null, window([2, 2], { pads: [4, 0, 0, 0] }), 'circular', false),
    ).toThrow('circular padding cannot wrap around more than once');
    expect(() =>
      conv2dForward(oneToNine, filter([[1, 1, 1, 1]]), null, window([1, 4]), 'zeros', false),
    ).toThrow('does not fit');
  });
});

describe('conv2dTaps: what a feature-map cell reads', () => {
  it('lists the terms in the order they are summed, with their source cells', () => {
    const g = window([3, 3], { pads: [1, 1, 1, 1] });
    const reflect = conv2dTaps([1, 3, 3], [2, 1, 3, 3], g, 'reflect', false, 1, 0, 0);
    expect(reflect).toHaveLength(9);
    // padded (0, 0) of reflect is a copy of input (1, 1), the 5
    expect(reflect[0]).toEqual({
      channel: 0,
      kernelRow: 0,
      kernelCol: 0,
      weightIndex: 9,
      paddedRow: 0,
      paddedCol: 0,
      source: { row: 1, col: 1, index: 4 },
    });
    expect(reflect[4]?.source).toEqual({ row: 0, col: 0, index: 0 });
    const zeros = conv2dTaps([1, 3, 3], [1, 1, 3, 3], g, 'zeros', false, 0, 0, 0);
    expect(zeros.map((t) => t.source === null)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      true,
      false,
      false,
    ]);
  });

  it('names the flipped weight each tap multiplies', () => {
    const taps = conv2dTaps([1, 3, 3], [1, 1, 2, 2], window([2, 2]), 'zeros', true, 0, 1, 1);
    expect(taps.map((t) => [t.kernelRow, t.kernelCol, t.weightIndex])).toEqual([
      [1, 1, 3],
      [1, 0, 2],
      [0, 1, 1],
      [0, 0, 0],
    ]);
    expect(taps.map((t) => t.source?.index)).toEqual([4, 5, 7, 8]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { reluForward } from '../../../src-core/ops/activation';
import { conv2dEngine, conv2dForward, setConv2dEngine } from '../../../src-core/ops/conv2d';
import { outputSize, type WindowGeometry } from '../../../src-core/ops/geometry';
import { maxPool2dForward } from '../../../src-core/ops/pool';
import { createRandom, type Random } from '../../../src-core/random';
import { tensor, type Tensor } from '../../../src-core/tensor';
import { emptyScan, scanValues, type ValueScan } from '../../../src-core/value-scan';
import { randomTensor, window } from '../support/ops';

// ReLU, max pooling and the scan of a map's values on the WebAssembly kernels (kernels/maps-wasm.ts)
// against the TypeScript reference loops, which setConv2dEngine('reference') selects: equal bit for bit
// (Object.is tells -0 from +0 and matches NaN), winners equal, scans equal to scanValues'.

afterEach(() => {
  setConv2dEngine('wasm');
});

/** Runs `f` on the reference loops. */
function reference<T>(f: () => T): T {
  setConv2dEngine('reference');
  try {
    return f();
  } finally {
    setConv2dEngine('wasm');
  }
}

function expectSameValues(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    if (!Object.is(actual[k], expected[k])) {
      expect.fail(`${what}: value ${k} is ${actual[k]}, the reference's ${expected[k]}`);
    }
  }
}

/** Random values with zeros of both signs, NaN and both infinities mixed in (about one in eight each). */
function awkwardTensor(shape: readonly number[], random: Random): Tensor {
  const special = [0, -0, NaN, Infinity, -Infinity];
  const t = randomTensor(shape, random.int(1e9));
  const d = t.data;
  for (let k = 0; k < d.length; k++) {
    const r = random.int(40);
    if (r < special.length) d[k] = special[r] ?? 0;
  }
  return t;
}

describe('the kernels are in use', () => {
  it('where WebAssembly SIMD is available (Node 20 and Chromium have it)', () => {
    expect(conv2dEngine()).toBe('wasm');
  });
});

describe('ReLU on the kernel, by hand', () => {
  it('keeps positives, NaN and +Infinity, and turns negatives, -0 and -Infinity into +0', () => {
    const x = tensor([9], [-2, -0, 0, 0.5, NaN, Infinity, -Infinity, 3, -1e-300]);
    const scan = emptyScan();
    const y = reluForward(x, undefined, scan);
    expectSameValues(y.data, [0, 0, 0, 0.5, NaN, Infinity, 0, 3, 0], 'relu');
    // Largest finite |value| 3; NaN and Infinity are not finite.
    expect(scan).toEqual({ largest: 3, nonFinite: 2 });
  });

  it('equals the reference on every length 0 to 40 (the SIMD loop and its tail)', () => {
    const random = createRandom(7);
    for (let n = 0; n <= 40; n++) {
      const x = awkwardTensor([n], random);
      const scan = emptyScan();
      const y = reluForward(x, undefined, scan);
      const expected = reference(() => reluForward(x));
      expectSameValues(y.data, expected.data, `length ${n}`);
      expect(scan, `length ${n}`).toEqual(scanValues(expected.data));
    }
  });

  it('writes into the buffer it is given, on a large map', () => {
    const random = createRandom(8);
    const x = awkwardTensor([3, 61, 67], random);
    const out = tensor([3, 61, 67]);
    const y = reluForward(x, out);
    expect(y).toBe(out);
    expectSameValues(y.data, reference(() => reluForward(x)).data, '3 x 61 x 67');
  });
});

describe('max pooling on the kernel, by hand', () => {
  const pool2 = window([2, 2], { stride: [2, 2] });

  it('takes each 2 x 2 window maximum and its winner, as flat indices into the input', () => {
    // 1 x 4 x 8: windows of two 4-wide pairs (the kernel's four-window step) and their edges.
    const x = tensor(
      [1, 4, 8],
      [
        1,
        9,
        2,
        2,
        5,
        0,
        -1,
        -3,
        3,
        4,
        7,
        2,
        6,
        8,
        -2,
        -4,
        0,
        0,
        -1,
        1,
        1,
        NaN,
        2,
        2,
        0,
        0,
        1,
        1,
        3,
        NaN,
        2,
        2,
      ],
    );
    const argmax = new Int32Array(8);
    const scan = emptyScan();
    const y = maxPool2dForward(x, pool2, undefined, argmax, scan);
    // Row 0: [1 9 | 3 4] -> 9 at 1; [2 2 | 7 2] -> 7 at 10; [5 0 | 6 8] -> 8 at 13;
    // [-1 -3 | -2 -4] -> -1 at 6.
    // Row 1: [0 0 | 0 0] -> the first 0, at 16; [-1 1 | 1 1] -> the first 1, at 19;
    // [1 NaN | 3 NaN] -> the last NaN, at 29 (NaN wins and propagates); [2 2 | 2 2] -> the first 2, at 22.
    expectSameValues(y.data, [9, 7, 8, -1, 0, 1, NaN, 2], 'values');
    expect([...argmax]).toEqual([1, 10, 13, 6, 16, 19, 29, 22]);
    expect(scan).toEqual({ largest: 9, nonFinite: 1 });
  });

  it('keeps the first of a tie between -0 and +0, as the reference', () => {
    const x = tensor([1, 2, 4], [-0, 0, 0, -0, 0, 0, 0, 0]);
    const argmax = new Int32Array(2);
    const y = maxPool2dForward(x, pool2, undefined, argmax);
    expectSameValues(y.data, [-0, 0], 'values');
    expect([...argmax]).toEqual([0, 2]);
  });

  it('equals the reference on windows two wide at stride 2, widths 2 to 21 (4, 2, 1 at a time)', () => {
    const random = createRandom(11);
    for (let w = 2; w <= 21; w++) {
      for (const [kh, sh, dh] of [
        [1, 1, 1],
        [2, 2, 1],
        [3, 2, 1],
        [2, 1, 2],
      ] as const) {
        const g = window([kh, 2], { stride: [sh, 2], dilation: [dh, 1] });
        const x = awkwardTensor([2, 7, w], random);
        const [oh, ow] = outputSize(7, w, g);
        const argmax = new Int32Array(2 * oh * ow);
        const y = maxPool2dForward(x, g, undefined, argmax);
        const winners = new Int32Array(2 * oh * ow);
        const expected = reference(() => maxPool2dForward(x, g, undefined, winners));
        expectSameValues(y.data, expected.data, `width ${w}, window ${kh} x 2`);
        expect([...argmax], `width ${w}, window ${kh} x 2`).toEqual([...winners]);
      }
    }
  });

  it('equals the reference on random maps, windows, strides and dilations', () => {
    const random = createRandom(9);
    const pick = (lo: number, hi: number) => lo + random.int(hi - lo + 1);
    let cases = 0;
    while (cases < 300) {
      const g: WindowGeometry = window([pick(1, 4), pick(1, 4)], {
        stride: [pick(1, 3), pick(1, 3)],
        dilation: [pick(1, 2), pick(1, 2)],
        // One case in four padded: those stay on the reference loops, which must still be chosen.
        pads: random.int(4) === 0 ? [pick(0, 1), pick(0, 1), pick(0, 1), pick(0, 1)] : [0, 0, 0, 0],
      });
      const [c, h, w] = [pick(1, 4), pick(1, 13), pick(1, 21)];
      const [oh, ow] = outputSize(h, w, g);
      const halfH = Math.floor(g.kernelH / 2);
      const halfW = Math.floor(g.kernelW / 2);
      const padsOk = Math.max(g.padTop, g.padBottom) <= halfH && Math.max(g.padLeft, g.padRight) <= halfW;
      if (oh < 1 || ow < 1 || !padsOk) continue;
      cases++;
      const x = awkwardTensor([c, h, w], random);
      const argmax = new Int32Array(c * oh * ow);
      const scan: ValueScan = emptyScan();
      const y = maxPool2dForward(x, g, undefined, argmax, scan);
      const winners = new Int32Array(c * oh * ow);
      const expected = reference(() => maxPool2dForward(x, g, undefined, winners));
      const what = `${c}x${h}x${w} pooled by ${JSON.stringify(g)}`;
      expectSameValues(y.data, expected.data, what);
      expect([...argmax], what).toEqual([...winners]);
      expect(scan, what).toEqual(scanValues(expected.data));
    }
  });
});

describe('the scan of a map', () => {
  it('gives the largest finite |value| and counts NaN and the infinities, by hand', () => {
    expect(scanValues(new Float64Array([1, -5, NaN, Infinity, -Infinity, 2]))).toEqual({
      largest: 5,
      nonFinite: 3,
    });
    expect(scanValues(new Float64Array([-0, NaN]))).toEqual({ largest: 0, nonFinite: 1 });
    expect(scanValues(new Float64Array([]))).toEqual({ largest: 0, nonFinite: 0 });
  });

  it('of a conv2d feature map, made by the kernels, equals a scan of the map', () => {
    const random = createRandom(10);
    for (let k = 0; k < 40; k++) {
      const [cIn, cOut, h, w] = [
        1 + random.int(3),
        1 + random.int(5),
        3 + random.int(12),
        3 + random.int(17),
      ];
      const input = awkwardTensor([cIn, h, w], random);
      const weight = randomTensor([cOut, cIn, 3, 3], k);
      const scan = emptyScan();
      const fm = conv2dForward(input, weight, null, window([3, 3]), 'zeros', false, undefined, scan);
      expect(scan, `${cIn}x${h}x${w} * ${cOut}`).toEqual(scanValues(fm.data));
    }
  });
});

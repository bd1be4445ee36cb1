import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook } from '../../../src-core/sheet/shapes';
import { conv, dense, file, layer, resolve, warningsOf } from './build';

// Output size per axis: floor((n + 2p - d(k - 1) - 1) / s) + 1, as PyTorch.

describe('output sizes of a 3 x 3 filter on a 7 x 7 input', () => {
  it('stride 1 gives 5 x 5', () => {
    expect(resolve(file([1, 7, 7], [conv(1, 1, 3)])).layers[0]?.outputShape).toEqual([1, 5, 5]);
  });

  it('stride 2 gives 3 x 3 and reads every input cell', () => {
    const json = file([1, 7, 7], [conv(1, 1, 3, { stride: 2 })]);
    expect(resolve(json).layers[0]?.outputShape).toEqual([1, 3, 3]);
    expect(warningsOf(json)).toEqual([]);
  });

  it('stride 3 gives 2 x 2 and never reads the last input row and column', () => {
    const json = file([1, 7, 7], [conv(1, 1, 3, { stride: 3 })]);
    expect(resolve(json).layers[0]?.outputShape).toEqual([1, 2, 2]);
    expect(warningsOf(json)).toEqual([
      {
        path: 'layers[0].stride',
        message: 'layers[0] (conv1): stride 3 leaves the last 1 input row and 1 input column unread (floor)',
      },
    ]);
  });

  it('fills in the formula with its numbers for the UI', () => {
    const r = resolve(file([1, 7, 7], [conv(1, 1, 3, { stride: 3 })])).layers[0];
    if (r?.type !== 'conv2d') throw new Error('expected a conv');
    expect(r.rows).toEqual({
      n: 7,
      padBefore: 0,
      padAfter: 0,
      dilation: 1,
      kernel: 3,
      stride: 3,
      out: 2,
      text: 'floor((7 + 2*0 - 1*(3 - 1) - 1) / 3) + 1 = 2',
    });
    const digit = resolve(file([1, 28, 28], [conv(2, 1, 3)])).layers[0];
    if (digit?.type !== 'conv2d') throw new Error('expected a conv');
    expect(digit.columns.text).toBe('floor((28 + 2*0 - 1*(3 - 1) - 1) / 1) + 1 = 26');
  });
});

describe('trailing input rows and columns a stride never reads', () => {
  it('counts rows and columns separately: 10 x 11 with 3 x 3 stride 3 leaves 1 row and 2 columns', () => {
    // rows: windows span (3 - 1) * 3 + 3 = 9 of 10; columns: 9 of 11.
    expect(warningsOf(file([1, 10, 11], [conv(1, 1, 3, { stride: 3 })]))).toEqual([
      {
        path: 'layers[0].stride',
        message: 'layers[0] (conv1): stride 3 leaves the last 1 input row and 2 input columns unread (floor)',
      },
    ]);
  });

  it('does not count padding as unread input: 6 x 6, 3 x 3, stride 2, padding 1', () => {
    // Padded 8 x 8; windows span (3 - 1) * 2 + 3 = 7; the 8th padded row is padding, not input.
    const json = file([1, 6, 6], [conv(1, 1, 3, { stride: 2, padding: 1 })]);
    expect(resolve(json).layers[0]?.outputShape).toEqual([1, 3, 3]);
    expect(warningsOf(json)).toEqual([]);
  });

  it('warns for a 2 x 2 max pool on an odd 7 x 5 map', () => {
    expect(warningsOf(file([1, 7, 5], [layer('maxpool2d', { size: 2 })]))).toEqual([
      {
        path: 'layers[0].stride',
        message:
          'layers[0] (maxpool1): stride 2 leaves the last 1 input row and 1 input column unread (floor)',
      },
    ]);
  });

  it('warns when the stride is longer than the window, so rows between windows go unread', () => {
    // 8 x 8, 2 x 2 windows every 3: windows at rows 0-1, 3-4, 6-7; rows 2 and 5 are never read.
    const json = file([1, 8, 8], [layer('maxpool2d', { size: 2, stride: 3 })]);
    expect(resolve(json).layers[0]?.outputShape).toEqual([1, 3, 3]);
    expect(warningsOf(json)).toEqual([
      {
        path: 'layers[0].stride',
        message:
          'layers[0] (maxpool1): stride 3 is longer than the 2 x 2 window, so neighbouring windows leave 1 row ' +
          'and 1 column between them unread',
      },
    ]);
  });
});

describe('padding "same" as PyTorch', () => {
  it("puts a 4 x 4 kernel's extra row below and extra column right: 1 above, 2 below", () => {
    const r = resolve(file([1, 7, 7], [conv(1, 1, 4, { padding: 'same' })])).layers[0];
    if (r?.type !== 'conv2d') throw new Error('expected a conv');
    expect(r.geometry).toEqual({
      kernelH: 4,
      kernelW: 4,
      strideH: 1,
      strideW: 1,
      padTop: 1,
      padBottom: 2,
      padLeft: 1,
      padRight: 2,
      dilationH: 1,
      dilationW: 1,
    });
    expect(r.outputShape).toEqual([1, 7, 7]);
    expect(r.rows.text).toBe('floor((7 + 1 + 2 - 1*(4 - 1) - 1) / 1) + 1 = 7');
  });

  it('pads dilation * (k - 1) in total: 3 x 3 dilation 2 pads 2 each side, a 2 x 4 kernel pads [0 1] x [1 2]', () => {
    const g1 = resolve(file([1, 9, 9], [conv(1, 1, 3, { padding: 'same', dilation: 2 })])).layers[0];
    const g2 = resolve(file([1, 8, 9], [conv(1, 1, [2, 4], { padding: 'same' })])).layers[0];
    if (g1?.type !== 'conv2d' || g2?.type !== 'conv2d') throw new Error('expected convs');
    expect([g1.geometry.padTop, g1.geometry.padBottom, g1.geometry.padLeft, g1.geometry.padRight]).toEqual([
      2, 2, 2, 2,
    ]);
    expect([g2.geometry.padTop, g2.geometry.padBottom, g2.geometry.padLeft, g2.geometry.padRight]).toEqual([
      0, 1, 1, 2,
    ]);
    expect(g1.outputShape).toEqual([1, 9, 9]);
    expect(g2.outputShape).toEqual([1, 8, 9]);
  });

  it('"valid" is no padding; a pair pads rows and columns differently', () => {
    expect(resolve(file([1, 6, 8], [conv(3, 1, 3, { padding: 'valid' })])).layers[0]?.outputShape).toEqual([
      3, 4, 6,
    ]);
    // rows: 5 + 2*1 - (2 - 1) = 6; columns: 7 + 2*2 - (4 - 1) = 8
    expect(
      resolve(file([2, 5, 7], [conv(1, 2, [2, 4], { padding: [1, 2] })])).layers[0]?.outputShape,
    ).toEqual([1, 6, 8]);
  });
});

describe('parameters and multiply-accumulates', () => {
  it('32 x 32 x 3 with four 4 x 4 x 3 filters, stride 1: 29 x 29 x 4 and 196 parameters', () => {
    // 4 filters x (4*4*3 weights + 1 bias) = 4 x 49 = 196
    const r = resolve(file([3, 32, 32], [conv(4, 3, 4, { bias: { shape: [4] } })])).layers[0];
    expect(r?.outputShape).toEqual([4, 29, 29]);
    expect(r?.params).toBe(196);
  });

  it("LeNet-5's C3, sixteen 5 x 5 filters over 6 maps: 16 x (5*5*6 + 1) = 2416 parameters", () => {
    const r = resolve(file([6, 14, 14], [conv(16, 6, 5, { bias: { shape: [16] } })])).layers[0];
    expect(r?.outputShape).toEqual([16, 10, 10]);
    expect(r?.params).toBe(2416);
  });

  it("AlexNet's first layer: 227 x 227 x 3, 96 filters 11 x 11 stride 4 -> 96 x 55 x 55, 34,944 parameters", () => {
    const r = resolve(file([3, 227, 227], [conv(96, 3, 11, { stride: 4, bias: { shape: [96] } })])).layers[0];
    expect(r?.outputShape).toEqual([96, 55, 55]);
    expect(r?.params).toBe(96 * (11 * 11 * 3 + 1));
    expect(r?.params).toBe(34944);
    expect(r?.macs).toBe(55 * 55 * 96 * 3 * 11 * 11);
  });

  it('a bias-free conv has no bias parameters (torchinfo on bias=False)', () => {
    expect(resolve(file([3, 32, 32], [conv(4, 3, 4)])).layers[0]?.params).toBe(192);
  });

  it('dense: OUT x IN weights + OUT biases, OUT x IN multiply-accumulates', () => {
    const r = resolve(file([2, 12, 12], [dense(10, 288, { bias: { shape: [10] } })])).layers[0];
    expect([r?.params, r?.macs]).toEqual([2890, 2880]);
  });
});

describe('the fast.ai conv-example layout', () => {
  // 1 x 28 x 28 digit; conv 2 filters 3 x 3 (no bias); relu; conv 2 filters 2 x 3 x 3; relu; max pool 2; dense 10
  const json = file(
    [1, 28, 28],
    [
      conv(2, 1, 3),
      layer('relu'),
      conv(2, 2, 3),
      layer('relu'),
      layer('maxpool2d', { size: 2 }),
      dense(10, 288),
    ],
  );

  it('gives 2 x 26 x 26, 2 x 24 x 24, 2 x 12 x 12, 10 x 1 x 1', () => {
    expect(resolve(json).layers.map((l) => l.outputShape)).toEqual([
      [2, 26, 26],
      [2, 26, 26],
      [2, 24, 24],
      [2, 24, 24],
      [2, 12, 12],
      [10, 1, 1],
    ]);
  });

  it('numbers the layers by type and tells each its input', () => {
    const r = resolve(json);
    expect(r.layers.map((l) => l.label)).toEqual([
      'layers[0] (conv1)',
      'layers[1] (relu1)',
      'layers[2] (conv2)',
      'layers[3] (relu2)',
      'layers[4] (maxpool1)',
      'layers[5] (fc1)',
    ]);
    expect(r.layers.map((l) => l.inputShape)).toEqual([
      [1, 28, 28],
      [2, 26, 26],
      [2, 26, 26],
      [2, 24, 24],
      [2, 24, 24],
      [2, 12, 12],
    ]);
    // conv1 2*1*3*3 = 18, conv2 2*2*3*3 = 36, fc1 10*288 = 2880 (no biases)
    expect(r.params).toBe(18 + 36 + 2880);
  });
});

describe('shapes of the other layers', () => {
  it('global pools give C x 1 x 1, flatten and softmax N x 1 x 1, activations keep the shape', () => {
    const r = resolve(
      file(
        [3, 5, 4],
        [
          layer('tanh'),
          layer('leaky_relu'),
          layer('sigmoid'),
          layer('dropout', { p: 0.25 }),
          layer('globalavgpool'),
          layer('globalmaxpool'),
          layer('softmax'),
        ],
      ),
    );
    expect(r.layers.map((l) => l.outputShape)).toEqual([
      [3, 5, 4],
      [3, 5, 4],
      [3, 5, 4],
      [3, 5, 4],
      [3, 1, 1],
      [3, 1, 1],
      [3, 1, 1],
    ]);
    expect(resolve(file([2, 3, 4], [layer('softmax')])).outputShape).toEqual([24, 1, 1]);
    expect(resolve(file([2, 3, 4], [layer('flatten')])).outputShape).toEqual([24, 1, 1]);
  });

  it('a workbook with no layers outputs its input', () => {
    expect(resolve(file([1, 2, 3], [])).outputShape).toEqual([1, 2, 3]);
  });
});

interface FixtureCase {
  name: string;
  workbook: unknown;
  outputs?: { shape: number[] }[];
  final?: unknown;
}

function fixtureCases(name: string): FixtureCase[] {
  const url = new URL(`../../fixtures/pytorch/${name}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: FixtureCase[] }).cases;
}

describe("PyTorch's output shapes for every eval-case workbook", () => {
  it.each(fixtureCases('eval-cases.json').map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const read = parseWorkbook(c.workbook);
    if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('\n'));
    const r = resolveWorkbook(read.value);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    expect(r.value.layers.map((l) => [...l.outputShape])).toEqual(c.outputs?.map((o) => o.shape));
  });

  it('reads every learn-case workbook, before and after learning', () => {
    for (const c of fixtureCases('learn-cases.json')) {
      expect(parseWorkbook(c.workbook).ok, c.name).toBe(true);
      expect(parseWorkbook(c.final).ok, c.name).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { countLayers } from '../../../src-core/lessons/counting';
import {
  alexnetConv1,
  inceptionBottleneck,
  inceptionStraight,
  lenet5,
  vgg16,
} from '../../../src-core/lessons/shape-presets';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { symbolicConvCell, weightSymbols } from '../../../src-core/lessons/symbolic';
import { parseWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook } from '../../../src-core/sheet/shapes';

function resolve(json: unknown) {
  const read = parseWorkbook(json);
  if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('; '));
  const r = resolveWorkbook(read.value);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

describe('counting the classic networks', () => {
  it("LeNet-5's C1: 156 parameters and 122,304 connections (28 x 28 x 6 outputs x (25 + 1))", () => {
    const c1 = countLayers(resolve(lenet5))[0];
    expect(c1).toMatchObject({ name: 'C1', params: 156, connections: 122_304, outputValues: 4704 });
  });

  it("AlexNet's first layer: 55 x 55 x 96 outputs and 34,944 parameters", () => {
    const r = resolve(alexnetConv1);
    expect(r.layers[0]?.outputShape).toEqual([96, 55, 55]);
    expect(countLayers(r)[0]?.params).toBe(34_944);
  });

  it('VGG-16: 138,357,544 parameters', () => {
    expect(resolve(vgg16).params).toBe(138_357_544);
  });

  it('a 1x1 bottleneck cuts the 5x5 branch from 120,422,400 to 12,443,648 multiplications', () => {
    // 28 x 28 x 32 outputs x 5 x 5 x 192 against 28 x 28 x 16 x 192 + 28 x 28 x 32 x 5 x 5 x 16.
    expect(resolve(inceptionStraight).macs).toBe(120_422_400);
    expect(resolve(inceptionBottleneck).macs).toBe(2_408_448 + 10_035_200);
  });

  it('sets each weighted layer beside a fully connected layer on the same input and output', () => {
    const c1 = countLayers(resolve(lenet5))[0];
    // 32 x 32 inputs to 28 x 28 x 6 outputs: 1024 x 4704 weights + 4704 biases.
    expect(c1?.fullyConnected).toEqual({ params: 1024 * 4704 + 4704, macs: 1024 * 4704 });
    expect(c1?.activationBytes).toBe(4704 * 4);
  });
});

describe('symbolic mode', () => {
  it('names a 2x2 filter w x y z and a 3x3 one a..i, with the channel appended for 3-D filters', () => {
    expect(weightSymbols(1, 2, 2)).toEqual(['w', 'x', 'y', 'z']);
    expect(weightSymbols(1, 3, 3).join('')).toBe('abcdefghi');
    expect(weightSymbols(2, 2, 2)).toEqual(['w1', 'x1', 'y1', 'z1', 'w2', 'x2', 'y2', 'z2']);
  });

  it('writes the 3x3 input 1..9 with [w x; y z] as 1w + 2x + 4y + 5z, 2w + 3x + 5y + 6z, ...', () => {
    const r = resolve({
      format: 'convsheet',
      version: 1,
      input: { shape: [1, 3, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      layers: [{ type: 'conv2d', weight: { shape: [1, 1, 2, 2], data: [0, 0, 0, 0] } }],
    });
    const layer = r.layers[0];
    if (layer?.type !== 'conv2d') throw new Error('expected a conv');
    const input = evaluate(r).input.data;
    const cells = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ].map(([y = 0, x = 0]) => symbolicConvCell(layer, input, 0, y, x));
    expect(cells).toEqual([
      '1w + 2x + 4y + 5z',
      '2w + 3x + 5y + 6z',
      '4w + 5x + 7y + 8z',
      '5w + 6x + 8y + 9z',
    ]);
  });
});

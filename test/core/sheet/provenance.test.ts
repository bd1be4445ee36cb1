import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { cellFormula } from '../../../src-core/sheet/formula';
import {
  dependents,
  markedBox,
  precedents,
  precedentsOneBack,
  weightReach,
} from '../../../src-core/sheet/precedents';
import { parseWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook } from '../../../src-core/sheet/shapes';

function resolve(json: object) {
  const read = parseWorkbook({ format: 'convsheet', version: 1, ...json });
  if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('; '));
  const r = resolveWorkbook(read.value);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);
const conv3 = { type: 'conv2d', weight: { shape: [1, 1, 3, 3], data: Array(9).fill(1) } };

describe('receptive fields', () => {
  it('grow 3, 5, 7 through stacked 3x3 valid convolutions', () => {
    const r = resolve({ input: { shape: [1, 9, 9], data: range(81) }, layers: [conv3, conv3, conv3] });
    // The centre of each layer's output, traced back to the input.
    const sizes = [0, 1, 2].map((layer) => {
      const [, h, w] = r.layers[layer]?.outputShape ?? [0, 0, 0];
      const centre = Math.floor(h / 2) * w + Math.floor(w / 2);
      const box = markedBox(precedents(r, { layer, index: centre })[0] ?? new Uint8Array(), r.inputShape, 0);
      return `${box?.rows}x${box?.cols}`;
    });
    expect(sizes).toEqual(['3x3', '5x5', '7x7']);
  });

  it('one layer back, a 2x2 max pool cell reads its 4 window cells', () => {
    const r = resolve({
      input: { shape: [1, 4, 4], data: range(16) },
      layers: [{ type: 'maxpool2d', size: 2 }],
    });
    // Output (1, 1) covers input rows 2-3, columns 2-3: indices 10, 11, 14, 15.
    expect(precedentsOneBack(r, { layer: 0, index: 3 }).map((c) => c.index)).toEqual([10, 11, 14, 15]);
  });

  it('a reflect pad reads the cell it copies', () => {
    const r = resolve({
      input: { shape: [1, 3, 3], data: range(9) },
      layers: [{ ...conv3, padding: 1, paddingMode: 'reflect' }],
    });
    // Output (0, 0)'s window covers padded rows -1..1; row -1 reflects row 1, column -1 reflects column 1.
    const cells = precedentsOneBack(r, { layer: 0, index: 0 }).map((c) => c.index);
    expect(cells.sort((a, b) => a - b)).toEqual([0, 1, 3, 4]);
  });
});

describe('dependents', () => {
  it('an input cell feeds the conv outputs whose windows cover it, and every score after a dense layer', () => {
    const r = resolve({
      input: { shape: [1, 4, 4], data: range(16) },
      layers: [conv3, { type: 'dense', weight: { shape: [3, 4], data: range(12) }, bias: [0, 0, 0] }],
    });
    // Input (0, 0) is read only by the window at (0, 0); input (1, 1) by all four 2x2 windows.
    expect([...(dependents(r, { layer: -1, index: 0 })[1] ?? [])]).toEqual([1, 0, 0, 0]);
    const masks = dependents(r, { layer: -1, index: 5 });
    expect([...(masks[1] ?? [])]).toEqual([1, 1, 1, 1]);
    expect([...(masks[2] ?? [])]).toEqual([1, 1, 1]);
  });
});

describe('weightReach', () => {
  it('a conv weight touches the input cells under its tap at every position, and every output of its filter', () => {
    const r = resolve({ input: { shape: [1, 4, 4], data: range(16) }, layers: [conv3] });
    // Weight (0, 0) reads input rows 0-1, columns 0-1 across the four window positions.
    const reach = weightReach(r, 0, 0);
    expect([...reach.inputs]).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect([...reach.outputs]).toEqual([1, 1, 1, 1]);
    // Weight (2, 2) reads rows 2-3, columns 2-3.
    expect([...weightReach(r, 0, 8).inputs]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('with flip, stored weight (0, 0) is applied at the opposite corner of the window', () => {
    const r = resolve({ input: { shape: [1, 4, 4], data: range(16) }, layers: [{ ...conv3, flip: true }] });
    expect([...weightReach(r, 0, 0).inputs]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1]);
  });
});

describe('cellFormula', () => {
  it('writes a conv cell as input x weight terms plus bias: 1w + 2x + 4y + 5z', () => {
    const r = resolve({
      input: { shape: [1, 3, 3], data: range(9, 1) },
      layers: [{ type: 'conv2d', weight: { shape: [1, 1, 2, 2], data: [0.5, -1, 2, 0.25] }, bias: [0.5] }],
    });
    const f = cellFormula(r, evaluate(r), { layer: 0, index: 0 });
    expect(f.terms.map((t) => [t.inputValue, t.weight])).toEqual([
      [1, 0.5],
      [2, -1],
      [4, 2],
      [5, 0.25],
    ]);
    expect(f.bias).toBe(0.5);
    // 1(0.5) + 2(-1) + 4(2) + 5(0.25) + 0.5 = 8.25
    expect(f.value).toBe(8.25);
    expect(f.text).toBe('1.00×0.50 + 2.00×-1.00 + 4.00×2.00 + 5.00×0.25 + 0.50 = 8.25');
  });

  it('groups a 3-D filter by input channel, 18 products for 2 x 3 x 3, and writes ReLU around the sum', () => {
    const r = resolve({
      input: { shape: [2, 3, 3], data: range(18, 1).map((v) => v / 10) },
      layers: [
        {
          type: 'conv2d',
          weight: { shape: [1, 2, 3, 3], data: range(18).map((v) => (v % 3) - 1) },
          bias: [0.1],
        },
        { type: 'relu' },
      ],
    });
    const e = evaluate(r);
    const conv = cellFormula(r, e, { layer: 0, index: 0 });
    expect(conv.terms).toHaveLength(18);
    expect(conv.terms.filter((t) => t.channel === 1)).toHaveLength(9);
    // Each filter row is -1, 0, 1: per row, right column minus left column = 0.2; 3 rows x 2 channels = 1.2.
    expect(conv.value).toBeCloseTo(1.2 + 0.1, 12);
    expect(conv.text.startsWith('ch1: (0.10×-1.00 + 0.20×0.00 + 0.30×1.00')).toBe(true);
    expect(conv.text).toContain(') + ch2: (1.00×-1.00');
    const relu = cellFormula(r, e, { layer: 1, index: 0 });
    expect(relu.text.startsWith('max(0, ch1: (')).toBe(true);
    expect(relu.text.endsWith('+ 0.10) = 1.30')).toBe(true);
  });

  it('names the max-pool winner (the first maximum) and the average-pool divisor', () => {
    const r = resolve({
      input: { shape: [1, 2, 2], data: [3, 7, 7, 1] },
      layers: [{ type: 'maxpool2d', size: 2 }],
    });
    const f = cellFormula(r, evaluate(r), { layer: 0, index: 0 });
    expect(f.winner).toEqual({ layer: -1, index: 1 });
    expect(f.text).toBe('max(3.00, 7.00, 7.00, 1.00) = 7.00');
    const a = resolve({
      input: { shape: [1, 2, 2], data: [1, 2, 3, 4] },
      layers: [{ type: 'avgpool2d', size: 2, padding: 1, stride: 2, countIncludePad: false }],
    });
    // Corner window (0, 0) holds padding and input (0, 0) only: 1 / 1.
    const g = cellFormula(a, evaluate(a), { layer: 0, index: 0 });
    expect(g.divisor).toBe(1);
    expect(g.text).toBe('(1.00) / 1 = 1.00');
  });
});

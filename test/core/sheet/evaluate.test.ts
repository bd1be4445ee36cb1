import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { parseWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook } from '../../../src-core/sheet/shapes';

function resolve(json: object) {
  const read = parseWorkbook({ format: 'convsheet', version: 1, ...json });
  if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('; '));
  const r = resolveWorkbook(read.value);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

const workbook = {
  input: { shape: [1, 5, 5], data: Array.from({ length: 25 }, (_, i) => (i % 7) - 3) },
  layers: [
    {
      type: 'conv2d',
      weight: { shape: [2, 1, 3, 3], data: Array.from({ length: 18 }, (_, i) => (i % 5) - 2) },
    },
    { type: 'relu' },
    { type: 'conv2d', weight: { shape: [1, 2, 2, 2], data: [1, -1, 0.5, 2, -2, 1, 0, 3] }, bias: [0.25] },
    { type: 'relu' },
  ],
};

describe('incremental recompute', () => {
  it('after an edit to layer 2, recomputes layers 2 and 3 only, reusing their buffers', () => {
    const r = resolve(workbook);
    const first = evaluate(r);
    const before = first.outputs.map((t) => t.data.slice());
    const buffers = [...first.outputs];

    const weight = r.layers[2]?.type === 'conv2d' ? r.layers[2].layer.weight.data : null;
    if (weight === null || weight === undefined) throw new Error('conv2 has no weights');
    weight[0] = 10;
    // An incremental recompute from layer 2 leaves layer 1's values as they were.
    const kept = first.outputs[1]?.data.slice();
    const again = evaluate(r, first, 2);
    expect(again.outputs[0]).toBe(buffers[0]);
    expect(again.outputs[1]?.data).toEqual(kept);
    again.outputs.forEach((t, k) => {
      expect(t, `layer ${k} buffer reused`).toBe(buffers[k]);
    });

    const full = evaluate(r);
    again.outputs.forEach((t, k) => {
      expect([...t.data], `layer ${k}`).toEqual([...(full.outputs[k]?.data ?? [])]);
    });
    // Weight [0,0,0,0] went from 1 to 10: conv2's output (0, 0) grew by 9 x relu1[0, 0, 0].
    const relu1 = before[1]?.[0] ?? 0;
    expect(relu1).toBeGreaterThan(0);
    const delta = (full.outputs[2]?.data[0] ?? 0) - (before[2]?.[0] ?? 0);
    expect(delta).toBeCloseTo(9 * relu1, 12);
  });
});

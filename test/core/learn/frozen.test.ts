import { describe, expect, it } from 'vitest';
import { readFrozenCells, withFrozenCell } from '../../../src-core/learn/frozen';
import type { Workbook } from '../../../src-core/sheet/types';
import { workbookFrom } from './helpers';

// Frozen cells live in the workbook's `learn` object: {"frozen": [{"layer", "weight", "bias"}]}.

const wb = (learn?: unknown): Workbook =>
  workbookFrom({
    input: { shape: [1, 3, 3], data: Array(9).fill(0) },
    layers: [
      { type: 'conv2d', name: 'edge', weight: { shape: [1, 1, 3, 3], data: Array(9).fill(1) }, bias: [0] },
      { type: 'relu' },
    ],
    ...(learn === undefined ? {} : { learn }),
  });
const conv = (w: Workbook) => {
  const l = w.layers[0];
  if (l?.type !== 'conv2d') throw new Error('no conv');
  return l;
};

describe('frozen cells', () => {
  it('become one flag per weight and bias value', () => {
    const r = readFrozenCells(wb({ frozen: [{ layer: 'edge', weight: [4, 0], bias: [0] }] }));
    const masks = r.ok ? r.value.get(0) : undefined;
    expect(Array.from(masks?.weight ?? [])).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(Array.from(masks?.bias ?? [])).toEqual([1]);
  });

  it('a workbook without them has none', () => {
    const r = readFrozenCells(wb({ history: [] }));
    expect(r.ok && r.value.size).toBe(0);
  });

  it.each([
    [
      { frozen: 'edge' },
      'learn.frozen',
      'learn.frozen must be a list of {"layer": name, "weight": [indices]}; got "edge"',
    ],
    [
      { frozen: [{ layer: 'relu1', weight: [0] }] },
      'learn.frozen[0].layer',
      'learn.frozen[0].layer is "relu1", but no conv2d or dense layer has that name',
    ],
    [
      { frozen: [{ layer: 'edge', weight: [9] }] },
      'learn.frozen[0].weight[0]',
      'learn.frozen[0].weight[0] must be an index into the edge weight (0 to 8); got 9',
    ],
    [
      { frozen: [{ layer: 'edge', bias: [0.5] }] },
      'learn.frozen[0].bias[0]',
      'learn.frozen[0].bias[0] must be an index into the edge bias (0 to 0); got 0.5',
    ],
  ])('%j is an error at its place', (learn, path, message) => {
    const r = readFrozenCells(wb(learn));
    expect(r.ok ? null : r.errors[0]).toEqual({ path, message });
  });

  it('a UI toggle adds and removes a cell, keeping the rest of `learn`', () => {
    const start = wb({ rate: 0.1 });
    const on = withFrozenCell(start, conv(start), 'weight', 4, true);
    expect(on).toEqual({ rate: 0.1, frozen: [{ layer: 'edge', weight: [4] }] });
    const both = withFrozenCell({ ...start, learn: on }, conv(start), 'bias', 0, true);
    expect(both).toEqual({ rate: 0.1, frozen: [{ layer: 'edge', weight: [4], bias: [0] }] });
    const off = withFrozenCell({ ...start, learn: both }, conv(start), 'weight', 4, false);
    expect(off).toEqual({ rate: 0.1, frozen: [{ layer: 'edge', bias: [0] }] });
    expect(withFrozenCell({ ...start, learn: off }, conv(start), 'bias', 0, false)).toEqual({
      rate: 0.1,
      frozen: [],
    });
  });
});

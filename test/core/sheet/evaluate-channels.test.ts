import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../../src-core/random';
import { checked, setValues, type Change, type EditResult } from '../../../src-core/sheet/edit';
import { changeLayer } from '../../../src-core/sheet/edit-settings';
import { splitFilters } from '../../../src-core/sheet/evaluate-channels';
import { evaluate, type Evaluation } from '../../../src-core/sheet/evaluate';
import { nonFiniteLayers } from '../../../src-core/sheet/non-finite';
import type { ResolvedWorkbook } from '../../../src-core/sheet/shapes';
import type { Workbook } from '../../../src-core/sheet/types';
import { scanValues } from '../../../src-core/value-scan';
import { conv, layer, read, resolve } from './build';

// An edit to some filters of a conv layer recomputes only their feature maps, and the same maps of the
// channel-wise layers after it (sheet/evaluate-channels.ts). Whatever is recomputed, an incremental
// evaluation must equal a fresh one bit for bit: values, max-pool winners, scans and overflow reports.

const ramp = (n: number, scale: number, shift = 0) =>
  Array.from({ length: n }, (_, k) => Math.round(Math.sin(k * 1.7 + shift) * scale * 100) / 100);

/** 1 x 6 x 6 input, conv 3 filters 3 x 3 with bias, ReLU, 2 x 2 max pool, conv 2 filters, ReLU. */
function pipeline(): Workbook {
  return read({
    format: 'convsheet',
    version: 1,
    input: { shape: [1, 6, 6], data: ramp(36, 1) },
    layers: [
      { ...conv(3, 1, 3), weight: { shape: [3, 1, 3, 3], data: ramp(27, 1, 1) }, bias: [0.5, -0.25, 0.1] },
      layer('relu'),
      layer('maxpool2d', { size: 2 }),
      { ...conv(2, 3, 1), weight: { shape: [2, 3, 1, 1], data: ramp(6, 1, 2) } },
      layer('relu'),
    ],
  });
}

function value(r: EditResult): Change {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

function expectSameEvaluation(actual: Evaluation, resolved: ResolvedWorkbook, what: string): void {
  const fresh = evaluate(resolved);
  fresh.outputs.forEach((t, k) => {
    const got = actual.outputs[k]?.data ?? new Float64Array();
    expect(got.length, `${what}: layer ${k} size`).toBe(t.data.length);
    for (let i = 0; i < t.data.length; i++) {
      if (!Object.is(got[i], t.data[i])) {
        expect.fail(`${what}: layer ${k} value ${i} is ${got[i]}, a fresh evaluation's ${t.data[i]}`);
      }
    }
    const winners = fresh.argmax[k];
    if (winners !== undefined)
      expect([...(actual.argmax[k] ?? [])], `${what}: winners ${k}`).toEqual([...winners]);
    expect(actual.scans?.[k], `${what}: scan of layer ${k}`).toEqual(scanValues(t.data));
  });
  expect(actual.inputScan, `${what}: input scan`).toEqual(scanValues(fresh.input.data));
  expect(nonFiniteLayers(resolved, actual), `${what}: overflow`).toEqual(nonFiniteLayers(resolved, fresh));
}

describe('the filters an edit touches', () => {
  const workbook = pipeline();
  const edit = (kind: 'weight' | 'bias' | 'input', layer: number, indices: number[]) =>
    value(
      setValues(
        workbook,
        kind === 'input' ? { kind } : { kind, layer },
        indices.map((index) => ({ index, value: 7 })),
      ),
    );

  it('are named by setValues for conv weights and biases: weight cells 9 to 17 are filter 1', () => {
    expect(edit('weight', 0, [10]).filters).toEqual([1]);
    expect(edit('weight', 0, [26, 0, 3]).filters).toEqual([0, 2]);
    expect(edit('bias', 0, [2]).filters).toEqual([2]);
    // conv2's filters are 3 x 1 x 1: cell 4 belongs to filter 1.
    expect(edit('weight', 3, [4]).filters).toEqual([1]);
  });

  it('are not named for the input, for a bias switched on, or for settings', () => {
    expect(edit('input', 0, [0]).filters).toBeUndefined();
    // conv2 has no bias: setting one adds +0 to every other filter's sums too.
    expect(edit('bias', 3, [0]).filters).toBeUndefined();
    expect(value(changeLayer(workbook, 0, { padding: 1 })).filters).toBeUndefined();
  });

  it('are split into maps when at most half the filters, and never on Winograd kernels', () => {
    const r = value(checked(workbook, 0, 'open')).resolved;
    const conv1 = r.layers[0];
    if (conv1 === undefined) throw new Error('no conv1');
    expect(splitFilters(conv1, [1])).toEqual([1]);
    expect(splitFilters(conv1, [0, 2])).toBeNull();
    expect(splitFilters(r.layers[1] ?? conv1, [0])).toBeNull();
    const wide = resolve({
      format: 'convsheet',
      version: 1,
      input: { shape: [8, 6, 6], data: ramp(288, 1) },
      layers: [{ ...conv(8, 8, 3), weight: { shape: [8, 8, 3, 3], data: ramp(576, 1) } }],
    }).layers[0];
    if (wide === undefined) throw new Error('no layer');
    expect(splitFilters(wide, [0])).toBeNull();
  });
});

describe('recomputing only the maps an edit changes', () => {
  it('leaves the other maps of conv1 and its ReLU alone, and recomputes what mixes channels', () => {
    const start = value(checked(pipeline(), 0, 'open'));
    const first = evaluate(start.resolved);
    // Marks in maps 2 of conv1, relu1 and the pool: a recompute of those maps would overwrite them.
    const marked = [0, 1, 2].map((k) => {
      const t = first.outputs[k];
      if (t === undefined) throw new Error(`no layer ${k}`);
      const plane = t.data.length / 3;
      t.data[2 * plane] = 123;
      return t;
    });
    const mark4 = first.outputs[4]?.data;
    if (mark4 === undefined) throw new Error('no layer 4');
    mark4[0] = 123;
    const e = value(setValues(start.workbook, { kind: 'weight', layer: 0 }, [{ index: 4, value: 3 }]));
    const again = evaluate(e.resolved, first, e.from, e.filters);
    marked.forEach((t, k) => {
      expect(again.outputs[k], `layer ${k} keeps its buffer`).toBe(t);
      expect(t.data[2 * (t.data.length / 3)], `map 2 of layer ${k} left alone`).toBe(123);
    });
    // conv2 reads every map of the pool: recomputed whole, as is the ReLU after it.
    expect(again.outputs[4]?.data[0]).not.toBe(123);
    // Map 0, the edited filter's, equals a fresh evaluation's.
    const fresh = evaluate(e.resolved);
    const plane = 16;
    expect([...(again.outputs[1]?.data.subarray(0, plane) ?? [])]).toEqual([
      ...(fresh.outputs[1]?.data.subarray(0, plane) ?? []),
    ]);
  });

  it('equals a fresh evaluation after every edit of a random series', () => {
    const random = createRandom(2024);
    let state = value(checked(pipeline(), 0, 'open'));
    let evaluation = evaluate(state.resolved);
    for (let step = 0; step < 150; step++) {
      const next = randomEdit(state.workbook, random);
      if (!next.ok) continue;
      state = next.value;
      evaluation = evaluate(state.resolved, evaluation, state.from, state.filters);
      expectSameEvaluation(evaluation, state.resolved, `step ${step} (${state.label})`);
    }
  });

  it('equals a fresh evaluation on every kind of channel-wise layer and conv setting', () => {
    const random = createRandom(77);
    const kinds = [
      layer('leaky_relu', { slope: 0.2 }),
      layer('sigmoid'),
      layer('tanh'),
      layer('dropout', { p: 0.5 }),
      layer('avgpool2d', { size: 2, padding: 1 }),
      layer('maxpool2d', { size: 3, stride: 1, padding: 1 }),
    ];
    for (const [i, kind] of kinds.entries()) {
      for (const settings of [{}, { padding: 1, paddingMode: 'reflect' }, { stride: 2, flip: true }]) {
        let state = value(
          checked(
            read({
              format: 'convsheet',
              version: 1,
              input: { shape: [2, 7, 8], data: ramp(112, 2, i) },
              layers: [
                { ...conv(4, 2, 3, settings), weight: { shape: [4, 2, 3, 3], data: ramp(72, 1, i) } },
                kind,
                layer('relu'),
              ],
            }),
            0,
            'open',
          ),
        );
        let evaluation = evaluate(state.resolved);
        for (let step = 0; step < 12; step++) {
          const target = random.int(4) === 0 ? 'bias' : 'weight';
          const index = random.int(target === 'bias' ? 4 : 72);
          state = value(
            setValues(state.workbook, { kind: target, layer: 0 }, [{ index, value: random.next() * 4 - 2 }]),
          );
          evaluation = evaluate(state.resolved, evaluation, state.from, state.filters);
          expectSameEvaluation(
            evaluation,
            state.resolved,
            `${String(kind.type)} ${JSON.stringify(settings)} step ${step}`,
          );
        }
      }
    }
  });
});

/**
 * A random edit as a user makes them: mostly one filter cell, sometimes a bias, the input, a setting,
 * or a value that overflows.
 */
function randomEdit(workbook: Workbook, random: Random): EditResult {
  const roll = random.int(20);
  const v = Math.round((random.next() * 4 - 2) * 100) / 100;
  if (roll < 10) {
    const layerIndex = random.int(2) === 0 ? 0 : 3;
    const size = layerIndex === 0 ? 27 : 6;
    return setValues(workbook, { kind: 'weight', layer: layerIndex }, [
      { index: random.int(size), value: v },
    ]);
  }
  if (roll < 13) return setValues(workbook, { kind: 'bias', layer: 0 }, [{ index: random.int(3), value: v }]);
  if (roll < 15) return setValues(workbook, { kind: 'input' }, [{ index: random.int(36), value: v }]);
  if (roll < 16) {
    // Two filters at once: more than half of conv1's three, recomputed whole.
    return setValues(workbook, { kind: 'weight', layer: 0 }, [
      { index: 0, value: v },
      { index: 20, value: -v },
    ]);
  }
  if (roll < 17) return changeLayer(workbook, 0, { padding: random.int(2) });
  if (roll < 18) return changeLayer(workbook, 1, { type: random.int(2) === 0 ? 'relu' : 'tanh' });
  if (roll < 19) {
    // Overflow: 1e200 x 1e200 is Infinity in conv2, and NaN where Infinity meets -Infinity.
    return setValues(workbook, { kind: 'weight', layer: 3 }, [
      { index: random.int(6), value: random.int(2) === 0 ? 1e200 : -1e200 },
    ]);
  }
  return setValues(workbook, { kind: 'weight', layer: 0 }, [{ index: random.int(27), value: 1e200 }]);
}

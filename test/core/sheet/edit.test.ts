import { describe, expect, it } from 'vitest';
import { firstRunWorkbook } from '../../../src-core/presets/workbooks';
import { checked, setValues, targetValues, type EditResult, type Change } from '../../../src-core/sheet/edit';
import { addLayer, changeLayer, moveLayer, removeLayer } from '../../../src-core/sheet/edit-settings';
import { emptyHistory, record, redo, undo } from '../../../src-core/sheet/edit-history';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { resolveWorkbook } from '../../../src-core/sheet/shapes';
import type { Workbook } from '../../../src-core/sheet/types';

function ok(r: EditResult): Change {
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

function errors(r: EditResult): string[] {
  if (r.ok) throw new Error('expected the edit to be refused');
  return r.errors.map((e) => `${e.path}: ${e.message}`);
}

function shapes(w: Workbook): string[] {
  const r = resolveWorkbook(w);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.value.layers.map((l) => `${l.layer.name} ${l.outputShape.join('x')}`);
}

describe('setting values', () => {
  it('sets filter cells in a new workbook and recomputes from that layer', () => {
    const before = firstRunWorkbook();
    const change = ok(setValues(before, { kind: 'weight', layer: 0 }, [{ index: 4, value: 2 }]));
    expect(change.from).toBe(0);
    expect(targetValues(change.workbook, { kind: 'weight', layer: 0 })?.[4]).toBe(2);
    expect(targetValues(before, { kind: 'weight', layer: 0 })?.[4]).toBe(0);
    // Everything else is shared, not copied.
    expect(change.workbook.input).toBe(before.input);
    expect(change.workbook.layers[2]).toBe(before.layers[2]);
    expect(change.label).toBe('conv1 weight: 1 cell');
  });

  it('an edit to conv2 bias recomputes from layer 2, leaving conv1 maps as they were', () => {
    const before = firstRunWorkbook();
    const first = evaluate(ok(setValues(before, { kind: 'input' }, [])).resolved);
    const conv1 = first.outputs[0]?.data.slice();
    const change = ok(setValues(before, { kind: 'bias', layer: 2 }, [{ index: 0, value: 1.1 }]));
    expect(change.from).toBe(2);
    const next = evaluate(change.resolved, first, change.from);
    expect(next.outputs[0]?.data).toEqual(conv1);
    // The bias moves every conv2 value by +1.0 (0.1 -> 1.1).
    const raw = next.outputs[2]?.data[0] ?? NaN;
    const conv2Before =
      evaluate(ok(setValues(before, { kind: 'input' }, [])).resolved).outputs[2]?.data[0] ?? NaN;
    expect(raw - conv2Before).toBeCloseTo(1, 12);
  });

  it('refuses a value that is not finite or a cell outside the tensor, changing nothing', () => {
    const w = firstRunWorkbook();
    expect(errors(setValues(w, { kind: 'input' }, [{ index: 784, value: 1 }]))).toEqual([
      ': input: cell 784 is outside its 784 values',
    ]);
    expect(errors(setValues(w, { kind: 'weight', layer: 0 }, [{ index: 0, value: Infinity }]))).toEqual([
      ': conv1 weight: Infinity is not a finite number',
    ]);
    expect(errors(setValues(w, { kind: 'weight', layer: 1 }, [{ index: 0, value: 1 }]))).toEqual([
      ': relu1 weight: there are no values to edit there',
    ]);
  });
});

describe('changing layer settings', () => {
  it('more filters in conv1: kept filters, conv2 fitted to read 3 channels, dense untouched in size', () => {
    const before = firstRunWorkbook();
    const change = ok(changeLayer(before, 0, { filters: 3 }));
    expect(change.from).toBe(0);
    expect(shapes(change.workbook)).toEqual([
      'conv1 3x26x26',
      'relu1 3x26x26',
      'conv2 2x24x24',
      'relu2 2x24x24',
      'maxpool1 2x12x12',
      'fc1 10x1x1',
    ]);
    const w = targetValues(change.workbook, { kind: 'weight', layer: 0 });
    expect([...(w ?? new Float64Array()).subarray(0, 18)]).toEqual([
      ...(targetValues(before, { kind: 'weight', layer: 0 }) ?? []),
    ]);
    const conv2 = change.workbook.layers[2];
    if (conv2?.type !== 'conv2d') throw new Error('conv2 expected');
    expect(conv2.weight.shape).toEqual([2, 3, 3, 3]);
    // Filter 1 of conv2 keeps its two old slices (channels 1 and 2) in front of the new third one.
    const old = targetValues(before, { kind: 'weight', layer: 2 }) ?? new Float64Array();
    expect([...(conv2.weight.data ?? new Float64Array()).subarray(0, 18)]).toEqual([...old.subarray(0, 18)]);
    expect(change.workbook.layers[5]).toBe(before.layers[5]);
  });

  it('a 5 x 5 kernel keeps the 3 x 3 values in its centre and shrinks the maps by the formula', () => {
    const change = ok(changeLayer(firstRunWorkbook(), 0, { kernel: 5 }));
    const w = [
      ...(targetValues(change.workbook, { kind: 'weight', layer: 0 }) ?? new Float64Array()).subarray(0, 25),
    ];
    expect(w).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, 0, 0, 0, 0, 0, 0]);
    // floor((28 - 1*(5 - 1) - 1) / 1) + 1 = 24; then 22, pool 11: the dense layer now reads 2*11*11.
    expect(shapes(change.workbook).slice(0, 5)).toEqual([
      'conv1 2x24x24',
      'relu1 2x24x24',
      'conv2 2x22x22',
      'relu2 2x22x22',
      'maxpool1 2x11x11',
    ]);
    const fc = change.workbook.layers[5];
    expect(fc?.type === 'dense' && fc.weight.shape).toEqual([10, 242]);
  });

  it('padding "same" with stride 2 is refused naming the layer and the rule', () => {
    const r = changeLayer(firstRunWorkbook(), 0, { padding: 'same', stride: 2 });
    expect(errors(r)).toEqual([
      'layers[0].padding: layers[0] (conv1): padding "same" needs stride 1 (PyTorch refuses "same" for ' +
        'strided convolutions); stride is 2',
    ]);
  });

  it('a kernel bigger than the map is refused; 0 filters is refused', () => {
    expect(errors(changeLayer(firstRunWorkbook(), 4, { size: 30 }))[0]).toContain(
      'layers[4] (maxpool1): window 30 needs 30 input rows, the input has 24',
    );
    expect(errors(changeLayer(firstRunWorkbook(), 0, { filters: 0 }))).toEqual([
      'layers[0].weight.shape[0]: layers[0] (conv1): filters must be a whole number of at least 1; got 0',
    ]);
  });

  it('switches an activation kind and renames a made-up name; bias off clears the bias', () => {
    const w = ok(changeLayer(firstRunWorkbook(), 1, { type: 'sigmoid' })).workbook;
    expect(w.layers[1]).toEqual({ type: 'sigmoid', name: 'sigmoid1' });
    const noBias = ok(changeLayer(firstRunWorkbook(), 2, { hasBias: false })).workbook.layers[2];
    expect(noBias?.type === 'conv2d' && [noBias.hasBias, ...(noBias.bias.data ?? [])]).toEqual([false, 0, 0]);
    expect(errors(changeLayer(firstRunWorkbook(), 1, { type: 'dense' }))[0]).toContain(
      'a relu layer cannot become dense',
    );
  });

  it('max pool becomes average pool keeping its window', () => {
    const w = ok(changeLayer(firstRunWorkbook(), 4, { type: 'avgpool2d' })).workbook;
    expect(w.layers[4]).toEqual({
      type: 'avgpool2d',
      name: 'avgpool1',
      size: 2,
      stride: null,
      padding: 0,
      countIncludePad: true,
    });
  });
});

describe('adding, removing and moving layers', () => {
  it('removing conv1 leaves conv2 reading the input and the dense layer the new flattened size', () => {
    const change = ok(removeLayer(firstRunWorkbook(), 0));
    expect(change.from).toBe(0);
    expect(shapes(change.workbook)).toEqual([
      'relu1 1x28x28',
      'conv2 2x26x26',
      'relu2 2x26x26',
      'maxpool1 2x13x13',
      'fc1 10x1x1',
    ]);
  });

  it('adds a conv after relu2 named conv3 reading 2 channels, and a softmax at the end', () => {
    const a = ok(addLayer(firstRunWorkbook(), 4, 'conv2d'));
    expect(a.from).toBe(4);
    expect(shapes(a.workbook)[4]).toBe('conv3 2x22x22');
    const b = ok(addLayer(firstRunWorkbook(), 6, 'softmax'));
    expect(shapes(b.workbook)[6]).toBe('softmax1 10x1x1');
  });

  it('moves the pool before relu2 and recomputes from the earlier position', () => {
    const change = ok(moveLayer(firstRunWorkbook(), 4, 3));
    expect(change.from).toBe(3);
    expect(change.workbook.layers.map((l) => l.name)).toEqual([
      'conv1',
      'relu1',
      'conv2',
      'maxpool1',
      'relu2',
      'fc1',
    ]);
  });
});

describe('undo and redo', () => {
  it('walks back and forth through edits, each with the layer to recompute from', () => {
    const w0 = firstRunWorkbook();
    let history = emptyHistory();
    const c1 = ok(setValues(w0, { kind: 'weight', layer: 2 }, [{ index: 0, value: 9 }]));
    history = record(history, w0, c1);
    const c2 = ok(removeLayer(c1.workbook, 1));
    history = record(history, c1.workbook, c2);

    const back1 = undo(history, c2.workbook);
    expect(back1?.workbook).toBe(c1.workbook);
    expect(back1?.from).toBe(1);
    const back2 = back1 && undo(back1.history, back1.workbook);
    expect(back2?.workbook).toBe(w0);
    expect(back2?.from).toBe(2);
    expect(back2 && undo(back2.history, back2.workbook)).toBeNull();

    const again = back2 && redo(back2.history, back2.workbook);
    expect(again?.workbook).toBe(c1.workbook);
    expect(again?.label).toBe('conv2 weight: 1 cell');
    const again2 = again && redo(again.history, again.workbook);
    expect(again2?.workbook).toBe(c2.workbook);
    expect(again2 && redo(again2.history, again2.workbook)).toBeNull();
  });

  it("leaves the learn object as it is now across an edit's undo and redo, but not across an open's", () => {
    const w0 = { ...firstRunWorkbook(), learn: { settings: { lr: 0.1 } } };
    const c1 = ok(setValues(w0, { kind: 'weight', layer: 0 }, [{ index: 0, value: 9 }]));
    let history = record(emptyHistory(), w0, c1);
    // Examples added after the edit live in the learn object, which is replaced without an undo step.
    const kept = { ...c1.workbook, learn: { settings: { lr: 0.1 }, examples: { kind: 'own' } } };
    const back = undo(history, kept);
    expect(back?.workbook.learn).toBe(kept.learn);
    expect(back?.workbook.layers[0]).toBe(w0.layers[0]);
    const forth = back && redo(back.history, back.workbook);
    expect(forth?.workbook.learn).toBe(kept.learn);
    expect(forth?.workbook.layers[0]).toBe(c1.workbook.layers[0]);

    // Opening another workbook is a change of document: undoing it brings the old one back whole.
    const other = { ...firstRunWorkbook(), name: 'other', learn: { settings: { lr: 0.5 } } };
    const opened = { ...ok(checked(other, 0, 'open other')), document: true };
    history = record(emptyHistory(), kept, opened);
    const closed = undo(history, { ...other, learn: { settings: { lr: 0.7 } } });
    expect(closed?.workbook).toBe(kept);
    const reopened = closed && redo(closed.history, closed.workbook);
    expect(reopened?.workbook.learn).toEqual({ settings: { lr: 0.7 } });
  });

  it('a new edit clears redo; the history keeps at most its limit', () => {
    let history = emptyHistory(3);
    let w = firstRunWorkbook();
    for (let i = 0; i < 5; i++) {
      const c = ok(setValues(w, { kind: 'input' }, [{ index: i, value: 1 }]));
      history = record(history, w, c);
      w = c.workbook;
    }
    expect(history.past).toHaveLength(3);
    const back = undo(history, w);
    expect(back?.history.future).toHaveLength(1);
    const c = ok(setValues(back?.workbook ?? w, { kind: 'input' }, [{ index: 9, value: 1 }]));
    expect(record(back?.history ?? history, back?.workbook ?? w, c).future).toEqual([]);
  });
});

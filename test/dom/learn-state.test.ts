import { describe, expect, it } from 'vitest';
import type { Workbook } from '../../src-core/sheet/types';
import { historyColumns, logEvery, readHistory } from '../../src-renderer/learn/history';
import { scaled } from '../../src-renderer/learn/learn-filters';
import { learnKey, learnObject, readLearnObject } from '../../src-renderer/learn/learn-object';
import { DEFAULT_SETTINGS, optimizerSettings, paceOf, readSettings } from '../../src-renderer/learn/settings';
import { learnTask } from '../../src-renderer/learn/tasks';
import { editsSince, forWorker, structureKey, withHeld, withValues } from '../../src-renderer/learn/weights';
import { generatedTask, valuesOf } from './learn-support';

function sobelNetwork(): Workbook {
  const task = learnTask('sobel');
  if (task === undefined) throw new Error('no task');
  return task.network(generatedTask('sobel').set);
}

describe('learn settings in the workbook', () => {
  it('reads what it can and gives the default for anything unreadable', () => {
    const s = readSettings({
      settings: { lr: -1, loss: 'ce', momentum: 0.9, batchSize: 0, shuffleSeed: 2, held: ['conv2', 7] },
    });
    expect(s.lr).toBe(DEFAULT_SETTINGS.lr);
    expect(s.loss).toBe('ce');
    expect(s.momentum).toBe(0.9);
    expect(s.batchSize).toBe('all');
    expect(s.shuffleSeed).toBe(2);
    expect(s.held).toEqual(['conv2']);
    expect(readSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
  });

  it('makes the torch.optim settings: SGD keeps momentum and Nesterov, Adam its learning rate and decay', () => {
    expect(optimizerSettings({ ...DEFAULT_SETTINGS, lr: 0.1, momentum: 0.9, nesterov: true })).toEqual({
      name: 'sgd',
      lr: 0.1,
      momentum: 0.9,
      nesterov: true,
      weightDecay: 0,
    });
    expect(
      optimizerSettings({ ...DEFAULT_SETTINGS, optimizer: 'adam', lr: 0.05, weightDecay: 1e-4 }),
    ).toEqual({
      name: 'adam',
      lr: 0.05,
      weightDecay: 1e-4,
    });
    expect(paceOf('slow')).toEqual({ kind: 'steps', steps: 1, waitMs: 100 });
  });

  it('keeps frozen cells beside its own keys, and reads back settings, set and history', () => {
    const history = [
      { step: 0, trainLoss: 1.035, trainAccuracy: null, testLoss: null, testAccuracy: null },
      { step: 1, trainLoss: Number.NaN, trainAccuracy: 0.5, testLoss: 0.25, testAccuracy: 1 },
    ];
    const settings = { ...DEFAULT_SETTINGS, lr: 0.1 };
    const learn = learnObject(
      { frozen: [{ layer: 'conv1', weight: [4] }] },
      settings,
      { kind: 'task', task: 'sobel', seed: 3 },
      history,
    );
    // JSON has no NaN: a loss that was not a number is saved as null.
    expect(JSON.parse(JSON.stringify(learn))).toEqual({
      frozen: [{ layer: 'conv1', weight: [4] }],
      settings: { ...settings },
      examples: { kind: 'task', task: 'sobel', seed: 3 },
      history: {
        step: [0, 1],
        trainLoss: [1.035, null],
        trainAccuracy: [null, 0.5],
        testLoss: [null, 0.25],
        testAccuracy: [null, 1],
      },
    });
    const back = readLearnObject(JSON.parse(JSON.stringify(learn)));
    expect(back?.settings).toEqual(settings);
    expect(back?.source).toEqual({ kind: 'task', task: 'sobel', seed: 3 });
    expect(back?.history.map((p) => p.step)).toEqual([0, 1]);
    expect(readHistory({ history: historyColumns(history) })[1]?.testLoss).toBe(0.25);
    expect(learnKey(learn)).toBe(learnKey({ ...learn, history: null }));
  });
});

describe('example sets kept in the workbook', () => {
  const digit = (label: number, v: number) => ({
    input: { shape: [1, 2, 2], data: Float64Array.of(v, 0, 0, v) },
    label,
    target: null,
  });
  const own = { classes: ['a', 'b'], examples: [digit(0, 0.5), digit(1, 0.25)] };

  it("keeps the learner's own examples, and a file's, in learn.examples, and reads them back", () => {
    const learn = learnObject({}, DEFAULT_SETTINGS, { kind: 'own' }, [], own);
    expect(JSON.parse(JSON.stringify(learn.examples))).toEqual({
      kind: 'own',
      set: {
        format: 'convsheet-examples',
        version: 1,
        classes: ['a', 'b'],
        examples: [
          { input: { shape: [1, 2, 2], data: [0.5, 0, 0, 0.5] }, label: 0 },
          { input: { shape: [1, 2, 2], data: [0.25, 0, 0, 0.25] }, label: 1 },
        ],
      },
    });
    const back = readLearnObject(JSON.parse(JSON.stringify(learn)));
    expect(back?.source).toBeNull();
    expect(back?.kept?.source).toEqual({ kind: 'own' });
    expect(back?.kept?.set.classes).toEqual(['a', 'b']);
    expect(back?.kept?.set.examples.map((e) => [e.label, ...e.input.data])).toEqual([
      [0, 0.5, 0, 0, 0.5],
      [1, 0.25, 0, 0, 0.25],
    ]);
    const file = learnObject({}, DEFAULT_SETTINGS, { kind: 'file', name: 'x.csv' }, [], own);
    expect(readLearnObject(file)?.kept?.source).toEqual({ kind: 'file', name: 'x.csv' });
  });

  it('leaves out a set of more than 250,000 values (a file to load again), and generated sets as their seed', () => {
    const big = {
      classes: null,
      examples: Array.from({ length: 320 }, () => ({
        input: { shape: [1, 28, 28], data: new Float64Array(784) },
        label: 0,
        target: null,
      })),
    };
    // 320 x 784 = 250,880 values: one digit too many.
    expect(learnObject({}, DEFAULT_SETTINGS, { kind: 'own' }, [], big).examples).toBeUndefined();
    const fits = { classes: null, examples: big.examples.slice(0, 318) };
    expect(learnObject({}, DEFAULT_SETTINGS, { kind: 'own' }, [], fits).examples).toBeDefined();
    expect(
      learnObject({}, DEFAULT_SETTINGS, { kind: 'task', task: 'sobel', seed: 2 }, [], own).examples,
    ).toEqual({
      kind: 'task',
      task: 'sobel',
      seed: 2,
    });
  });

  it('tells two kept sets apart by identity, and one learn object keeps its key', () => {
    const a = learnObject({}, DEFAULT_SETTINGS, { kind: 'own' }, [], own);
    const b = learnObject({}, DEFAULT_SETTINGS, { kind: 'own' }, [], {
      ...own,
      examples: own.examples.slice(0, 1),
    });
    expect(learnKey(a)).toBe(learnKey(a));
    expect(learnKey(a)).not.toBe(learnKey(b));
    // The same set written again (a setting changed back) is the same JSON object: the same key.
    expect(learnKey(learnObject({}, DEFAULT_SETTINGS, { kind: 'own' }, [], own))).toBe(learnKey(a));
  });

  it('gives the worker the workbook without the kept set and the history, with its frozen cells', () => {
    const wb = {
      ...sobelNetwork(),
      learn: {
        ...learnObject({}, DEFAULT_SETTINGS, { kind: 'own' }, [], own),
        frozen: [{ layer: 'conv1', weight: [4] }],
      },
    };
    const sent = forWorker(wb, ['conv1']);
    expect(Object.keys(sent.learn as object).sort()).toEqual(['frozen', 'settings']);
    expect((sent.layers[0] as { trainable: boolean }).trainable).toBe(false);
    expect((wb.learn as { examples?: unknown }).examples).toBeDefined();
  });
});

describe('the sheet and the worker in step', () => {
  it('puts learned values into new arrays and leaves the workbook it was given alone', () => {
    const wb = sobelNetwork();
    const before = valuesOf(wb, 0);
    const learned = Float64Array.from([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    const next = withValues(wb, [{ layer: 0, kind: 'weight', values: learned }]);
    expect(valuesOf(next, 0)).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    expect(valuesOf(wb, 0)).toEqual(before);
    learned[0] = 5;
    expect(valuesOf(next, 0)[0]).toBe(-1);
  });

  it('finds the weights typed on the sheet since the last values sent', () => {
    const wb = sobelNetwork();
    const sent = [{ layer: 0, kind: 'weight' as const, values: Float64Array.from(valuesOf(wb, 0)) }];
    const edited = withValues(wb, [
      {
        layer: 0,
        kind: 'weight',
        values: Float64Array.from(valuesOf(wb, 0).map((v, i) => (i === 4 ? 0 : v))),
      },
    ]);
    expect(editsSince(edited, sent)).toEqual([{ layer: 0, kind: 'weight', index: 4, value: 0 }]);
    expect(editsSince(wb, sent)).toEqual([]);
  });

  it('tells a change of values from a change of the network', () => {
    const wb = sobelNetwork();
    const values = withValues(wb, [{ layer: 0, kind: 'weight', values: new Float64Array(9) }]);
    expect(structureKey(values)).toBe(structureKey(wb));
    const layer = wb.layers[0];
    if (layer?.type !== 'conv2d') throw new Error('no conv');
    expect(structureKey({ ...wb, layers: [{ ...layer, padding: 1 }] })).not.toBe(structureKey(wb));
    expect(withHeld(wb, ['conv1']).layers[0]?.name).toBe('conv1');
    expect((withHeld(wb, ['conv1']).layers[0] as { trainable: boolean }).trainable).toBe(false);
  });

  it('shows gradients below 0.1 as multiples of a power of ten: 2.18e-8 is 2.18 x 1e-8', () => {
    const { values, exponent } = scaled(Float64Array.from([2.18e-8, -1e-9, 0]));
    expect(exponent).toBe(-8);
    expect(values[0]).toBeCloseTo(2.18, 12);
    expect(values[1]).toBeCloseTo(-0.1, 12);
    expect(scaled(Float64Array.from([0.5, -0.2])).exponent).toBe(0);
  });

  it('measures the whole sets less often when they are large next to a batch, and at most 1000 times a run', () => {
    const sets = (train: number, test: number) => ({
      train: new Array(train),
      test: new Array(test),
      held: [],
      place: [],
    });
    // Sobel: 16 examples, full batch: every step.
    expect(logEvery(sets(16, 0), 16, 300)).toBe(1);
    // Squares vs diamonds: 300 examples, batches of 20: floor(300 / 80) = 3.
    expect(logEvery(sets(200, 100), 20, 300)).toBe(3);
    // 5000 full-batch steps: ceil(5000 / 1000) = 5.
    expect(logEvery(sets(16, 0), 16, 5000)).toBe(5);
  });
});

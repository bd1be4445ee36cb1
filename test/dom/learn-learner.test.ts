import { describe, expect, it } from 'vitest';
import type { Example } from '../../src-core/learn/example-set';
import { measureBatch } from '../../src-core/learn/minibatch';
import { resolveWorkbook } from '../../src-core/sheet/shapes';
import type { Workbook } from '../../src-core/sheet/types';
import { Learner } from '../../src-renderer/learn/learner';
import type { FromWorker, ParameterValues, StartMessage, ToWorker } from '../../src-renderer/learn/protocol';
import { transferables } from '../../src-renderer/learn/protocol';
import { learnTask } from '../../src-renderer/learn/tasks';
import { valuesOf, generatedTask } from './learn-support';

/** The worker's logic with a clock and a queue the test turns by hand: every run is deterministic. */
function harness() {
  const posted: FromWorker[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  const learner = new Learner({
    post: (m) => posted.push(m),
    later: (fn) => queue.push(fn),
    now: () => clock,
  });
  return {
    posted,
    send: (m: ToWorker) => learner.handle(m),
    /** Runs scheduled slices; each slice costs 1 ms of the fake clock per call to now(). */
    turn(times = 1_000): void {
      for (let i = 0; i < times && queue.length > 0; i++) queue.shift()?.();
    },
    tick(ms: number): void {
      clock += ms;
    },
    of<T extends FromWorker['type']>(type: T): Extract<FromWorker, { type: T }>[] {
      return posted.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
    },
  };
}

function sobel(): { workbook: Workbook; examples: readonly Example[] } {
  const task = learnTask('sobel');
  if (task === undefined) throw new Error('no sobel task');
  const { set } = generatedTask('sobel');
  return { workbook: task.network(set), examples: set.examples };
}

function start(workbook: Workbook, examples: readonly Example[], lr: number): StartMessage {
  return {
    type: 'start',
    session: 7,
    workbook,
    train: examples,
    test: [],
    options: { loss: 'mse', optimizer: { name: 'sgd', lr }, batchSize: 'all' },
    logEvery: 1,
  };
}

function weightOf(values: readonly ParameterValues[]): number[] {
  return Array.from(values.find((p) => p.layer === 0 && p.kind === 'weight')?.values ?? []);
}

describe('the learning worker (in-process)', () => {
  it('measures the starting loss over the whole set, as measureBatch computes it', () => {
    const { workbook, examples } = sobel();
    const h = harness();
    h.send(start(workbook, examples, 0.1));
    const [ready] = h.of('ready');
    const resolved = resolveWorkbook(workbook);
    if (!resolved.ok) throw new Error('bad workbook');
    const expected = measureBatch(
      resolved.value,
      examples,
      examples.map((_, i) => i),
      'mse',
    );
    expect(ready?.session).toBe(7);
    expect(ready?.batchesPerEpoch).toBe(1);
    expect(ready?.start).toEqual({
      step: 0,
      trainLoss: expected.loss,
      trainAccuracy: null,
      testLoss: null,
      testAccuracy: null,
    });
    // The gallery gets every example's response at once: 16 maps of 6 x 6.
    const [predictions] = h.of('predictions');
    expect(predictions?.train.count).toBe(16);
    expect(predictions?.train.outputShape).toEqual([1, 6, 6]);
    // The first example's response: the starting filter on its image, as measureBatch computes it.
    const one = measureBatch(resolved.value, examples, [0], 'mse');
    expect(predictions?.train.losses[0]).toBe(one.loss);
  });

  it('Step makes one SGD update, w1 = w0 - lr * dL/dw, and a new learning rate applies from the next step', () => {
    const { workbook, examples } = sobel();
    const w0 = valuesOf(workbook, 0);
    const h = harness();
    h.send(start(workbook, examples, 0.1));
    h.send({ type: 'step' });
    const [p1] = h.of('progress');
    const [s1] = h.of('stopped');
    expect(p1?.steps.map((s) => s.step)).toEqual([0]);
    expect(s1?.reason).toBe('stepped');
    const g0 = Array.from(p1?.gradients[0]?.weight ?? []);
    const w1 = weightOf(s1?.weights ?? []);
    expect(w1).toEqual(w0.map((w, i) => w - 0.1 * (g0[i] ?? NaN)));

    h.send({ type: 'set-lr', lr: 0.05 });
    h.send({ type: 'step' });
    const g1 = Array.from(h.of('progress')[1]?.gradients[0]?.weight ?? []);
    const w2 = weightOf(h.of('stopped')[1]?.weights ?? []);
    expect(w2).toEqual(w1.map((w, i) => w - 0.05 * (g1[i] ?? NaN)));
  });

  it('a weight edited while paused is used from the next step on', () => {
    const { workbook, examples } = sobel();
    const h = harness();
    h.send(start(workbook, examples, 0.1));
    h.send({ type: 'set-value', layer: 0, kind: 'weight', index: 4, value: 3 });
    h.send({ type: 'step' });
    const g = h.of('progress')[0]?.gradients[0]?.weight[4] ?? NaN;
    expect(weightOf(h.of('stopped')[0]?.weights ?? [])[4]).toBe(3 - 0.1 * g);
  });

  it('runs in slices until the set number of updates, logging every update, then says it is done', () => {
    const { workbook, examples } = sobel();
    const h = harness();
    h.send(start(workbook, examples, 0.1));
    h.send({ type: 'run', until: 12, pace: { kind: 'steps', steps: 5, waitMs: 30 } });
    h.turn();
    const progress = h.of('progress');
    expect(progress.map((p) => p.steps.length)).toEqual([5, 5, 2]);
    expect(progress.flatMap((p) => p.log.map((l) => l.step))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(h.of('stopped').map((s) => [s.reason, s.updates])).toEqual([['done', 12]]);
    // The loss falls: full-batch SGD on a quadratic with a small enough rate.
    const losses = progress.flatMap((p) => p.log.map((l) => l.trainLoss));
    losses.slice(1).forEach((l, i) => expect(l).toBeLessThan(losses[i] ?? NaN));
  });

  it('logging every 5th update still logs where the run stops: steps 5, 10 and 12', () => {
    const { workbook, examples } = sobel();
    const h = harness();
    h.send({ ...start(workbook, examples, 0.1), logEvery: 5 });
    h.send({ type: 'run', until: 12, pace: { kind: 'steps', steps: 4, waitMs: 0 } });
    h.turn();
    expect(h.of('progress').flatMap((p) => p.log.map((l) => l.step))).toEqual([5, 10, 12]);
  });

  it('pause between slices stops the run where it is', () => {
    const { workbook, examples } = sobel();
    const h = harness();
    h.send(start(workbook, examples, 0.1));
    h.send({ type: 'run', until: null, pace: { kind: 'steps', steps: 3, waitMs: 30 } });
    h.turn(1);
    h.send({ type: 'pause' });
    h.turn();
    expect(h.of('progress').map((p) => p.updates)).toEqual([3, 6]);
    expect(h.of('stopped').map((s) => [s.reason, s.updates])).toEqual([['paused', 6]]);
  });

  it('divergence with lr 1000 stops, says what to try, and gives back the starting weights', () => {
    const { workbook, examples } = sobel();
    const h = harness();
    h.send(start(workbook, examples, 1000));
    h.send({ type: 'run', until: 100, pace: { kind: 'fast', sliceMs: 20, restMs: 0 } });
    h.turn();
    const [stopped] = h.of('stopped');
    expect(stopped?.reason).toBe('diverged');
    expect(stopped?.divergence?.step).toBe(1);
    expect(stopped?.divergence?.restoredStep).toBe(0);
    expect(stopped?.divergence?.message).toContain('try a smaller learning rate, such as 100 (now 1000)');
    expect(weightOf(stopped?.weights ?? [])).toEqual(valuesOf(workbook, 0));
  });

  it('refuses examples that do not fit the network, naming the shapes', () => {
    const { workbook } = sobel();
    const h = harness();
    const wrong: Example = {
      input: { shape: [1, 5, 5], data: new Float64Array(25) },
      label: null,
      target: null,
    };
    h.send(start(workbook, [wrong], 0.1));
    const [refused] = h.of('refused');
    expect(refused?.issues.length).toBeGreaterThan(0);
    expect(refused?.issues[0]?.message).toMatch(/5/);
  });

  it('checks the gradients of a linear filter: every relative error below 1e-6', () => {
    const { workbook, examples } = sobel();
    const h = harness();
    h.send({ type: 'check', workbook, examples: examples.slice(0, 4), loss: 'mse' });
    const [checked] = h.of('checked');
    if (checked?.result.ok !== true) throw new Error('check failed');
    expect(checked.result.check.entries).toHaveLength(10);
    for (const e of checked.result.check.entries) expect(e.relativeError).toBeLessThan(1e-6);
  });
});

describe('the message protocol', () => {
  it('transfers each buffer of weights, gradients and outputs once', () => {
    const shared = new Float64Array(4);
    const a = new Float64Array(9);
    const list = transferables({
      type: 'progress',
      session: 1,
      updates: 1,
      epoch: 0,
      steps: [],
      log: [],
      gradients: [{ layer: 0, weight: a, bias: shared }],
      batch: [],
      weights: [
        { layer: 0, kind: 'weight', values: shared },
        { layer: 0, kind: 'bias', values: new Float64Array(1) },
      ],
    });
    expect(list).toHaveLength(3);
    expect(list).toContain(shared.buffer);
    expect(list).toContain(a.buffer);
    expect(transferables({ type: 'failed', session: 1, message: 'x' })).toEqual([]);
  });
});

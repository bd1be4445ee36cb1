import { describe, expect, it } from 'vitest';
import { trainTestSplit } from '../../src-core/learn/split';
import { createTrainer } from '../../src-core/learn/trainer';
import { DEFAULT_SETTINGS, trainerOptions } from '../../src-renderer/learn/settings';
import { learnTask } from '../../src-renderer/learn/tasks';

// The drawer's MNIST and Fashion-MNIST sets learn what they promise with the settings they bring: each
// task's own network (four 3 x 3 filters, ReLU, 2 x 2 max pool, one dense score per class) trained
// exactly as the drawer trains it, measured on the held-out fifth it never learned from.

async function learned(id: string): Promise<{ before: number; after: number; test: number }> {
  const task = learnTask(id);
  if (task === undefined) throw new Error(`no task ${id}`);
  const set = await task.examples(task.seed);
  const settings = { ...DEFAULT_SETTINGS, ...task.settings };
  const { train, test } = trainTestSplit(set.examples, settings.testFraction, settings.splitSeed);
  const made = createTrainer(task.network(set), train, { ...trainerOptions(settings), test });
  if (!made.ok) throw new Error(made.errors[0]?.message);
  const trainer = made.value;
  const before = trainer.measure('test').accuracy ?? NaN;
  const run = trainer.runEpochs(settings.length);
  expect(run.diverged).toBeNull();
  return { before, after: trainer.measure('test').accuracy ?? NaN, test: test.length };
}

describe('image sets of the learn drawer', () => {
  it('MNIST 3 vs 7: at least 95% of 60 held-out digits in 5 epochs, better than its random start', async () => {
    const r = await learned('mnist-3-7');
    expect(r.test).toBe(60);
    expect(r.after).toBeGreaterThanOrEqual(0.95);
    expect(r.after).toBeGreaterThan(r.before);
  });

  it('MNIST, ten digits: at least 80% of 120 held-out digits in 10 epochs (a guess gets 10%)', async () => {
    const r = await learned('mnist-digits');
    expect(r.test).toBe(120);
    expect(r.before).toBeLessThan(0.3);
    expect(r.after).toBeGreaterThanOrEqual(0.8);
  });

  it('Fashion-MNIST, four kinds: at least 90% of 120 held-out photos in 5 epochs', async () => {
    const r = await learned('fashion-4');
    expect(r.test).toBe(120);
    expect(r.before).toBeLessThan(0.5);
    expect(r.after).toBeGreaterThanOrEqual(0.9);
  });
});

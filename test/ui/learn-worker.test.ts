import { generatedTask } from '../dom/learn-support';
import { afterEach, describe, expect, it } from 'vitest';
import { SOBEL_X } from '../../src-core/learn/generated-sets';
import { LearnClient } from '../../src-renderer/learn/client';
import type { FromWorker, ToWorker } from '../../src-renderer/learn/protocol';
import { learnTask } from '../../src-renderer/learn/tasks';

// The learning worker as Chromium runs it (a module Worker built by Vite), talked to through the
// typed protocol only: "rediscover Sobel" with the settings the panel proposes for it.

let client: LearnClient | null = null;

afterEach(() => {
  client?.close();
  client = null;
});

/** Sends the messages and collects the replies until one satisfies `last`. */
function converse(messages: readonly ToWorker[], last: (m: FromWorker) => boolean): Promise<FromWorker[]> {
  return new Promise((resolve) => {
    const replies: FromWorker[] = [];
    client = new LearnClient((m) => {
      replies.push(m);
      if (last(m)) resolve(replies);
    });
    for (const m of messages) client.send(m);
  });
}

function sobelStart(): ToWorker {
  const task = learnTask('sobel');
  if (task === undefined) throw new Error('no sobel task');
  const { set } = generatedTask('sobel');
  return {
    type: 'start',
    session: 1,
    workbook: task.network(set),
    train: set.examples,
    test: [],
    options: { loss: 'mse', optimizer: { name: 'sgd', lr: 0.1, momentum: 0.9 }, batchSize: 'all' },
    logEvery: 1,
  };
}

const distance = (w: Float64Array): number =>
  Math.max(...Array.from(w, (v, i) => Math.abs(v - (SOBEL_X[i] ?? NaN))));

describe('the learning worker in Chromium', () => {
  it('finds Sobel [-1 0 1; -2 0 2; -1 0 1] to within 1e-3 before step 150 of 300, one weight report per step', async () => {
    const replies = await converse(
      [sobelStart(), { type: 'run', until: 300, pace: { kind: 'steps', steps: 1, waitMs: 0 } }],
      (m) => m.type === 'stopped',
    );
    const progress = replies.filter((m) => m.type === 'progress');
    expect(progress).toHaveLength(300);
    const weights = progress.map(
      (p) => p.weights.find((w) => w.kind === 'weight')?.values ?? new Float64Array(9),
    );
    const first = weights.findIndex((w) => distance(w) < 1e-3) + 1;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(150);
    const stopped = replies[replies.length - 1];
    if (stopped?.type !== 'stopped') throw new Error('no stop');
    expect(stopped.reason).toBe('done');
    expect(stopped.updates).toBe(300);
    expect(distance(stopped.weights[0]?.values ?? new Float64Array(9))).toBeLessThan(1e-3);
    expect(Math.abs(stopped.weights[1]?.values[0] ?? NaN)).toBeLessThan(1e-3);
    // A log point (the whole set measured) after every update: steps 1 to 300.
    expect(progress.flatMap((p) => p.log.map((l) => l.step))).toEqual(
      Array.from({ length: 300 }, (_, i) => i + 1),
    );
  }, 30_000);

  it('answers a pause sent mid-run, between two slices', async () => {
    let paused = false;
    const replies = await converse(
      [sobelStart(), { type: 'run', until: null, pace: { kind: 'steps', steps: 1, waitMs: 20 } }],
      (m) => {
        if (m.type === 'progress' && m.updates === 3 && !paused) {
          paused = true;
          client?.send({ type: 'pause' });
        }
        return m.type === 'stopped';
      },
    );
    const stopped = replies[replies.length - 1];
    expect(stopped?.type === 'stopped' && stopped.reason).toBe('paused');
    const at = stopped?.type === 'stopped' ? stopped.updates : NaN;
    // The pause may arrive while the next slice is already under way: at most one more step.
    expect(at === 3 || at === 4).toBe(true);
  }, 30_000);
});

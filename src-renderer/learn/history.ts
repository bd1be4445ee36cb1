/**
 * The loss history of the chart, and its form in the workbook's `learn.history`: one column per
 * quantity (`step`, `trainLoss`, ...), null where there is no value, so a saved workbook reopens with
 * its chart. JSON has no NaN or Infinity; such values are written as null too.
 */
import type { SplitSet } from './examples-source';
import type { LogPoint } from './protocol';
import { isRecord } from './settings';

const COLUMNS = ['step', 'trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy'] as const;

export type HistoryColumns = Record<(typeof COLUMNS)[number], (number | null)[]>;

export function historyColumns(points: readonly LogPoint[]): HistoryColumns {
  const column = (key: (typeof COLUMNS)[number]): (number | null)[] =>
    points.map((p) => {
      const v = p[key];
      return v !== null && Number.isFinite(v) ? v : null;
    });
  return {
    step: column('step'),
    trainLoss: column('trainLoss'),
    trainAccuracy: column('trainAccuracy'),
    testLoss: column('testLoss'),
    testAccuracy: column('testAccuracy'),
  };
}

/** The points saved in `learn.history`; none when it is missing or malformed. */
export function readHistory(learn: unknown): LogPoint[] {
  const raw = isRecord(learn) ? learn.history : undefined;
  if (!isRecord(raw)) return [];
  const cols = COLUMNS.map((k) => raw[k]);
  if (!cols.every(Array.isArray)) return [];
  const [step, trainLoss, trainAccuracy, testLoss, testAccuracy] = cols as unknown[][];
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const points: LogPoint[] = [];
  (step ?? []).forEach((s, i) => {
    const at = num(s);
    if (at === null) return;
    points.push({
      step: at,
      trainLoss: num(trainLoss?.[i]) ?? NaN,
      trainAccuracy: num(trainAccuracy?.[i]),
      testLoss: num(testLoss?.[i]),
      testAccuracy: num(testAccuracy?.[i]),
    });
  });
  return points;
}

/**
 * Steps between two measurements of the whole training and test sets. A measurement is a forward pass
 * of every example, a step a forward and backward pass of one batch: measuring after every step would
 * cost far more than learning on a large set with small batches, so it happens at most about once per
 * (examples / 4 batches) steps, and at most 1000 times a run, which is as many points as a chart shows.
 */
export function logEvery(split: SplitSet, batch: number, steps: number): number {
  const examples = split.train.length + split.test.length;
  return Math.max(1, Math.floor(examples / (4 * batch)), Math.ceil(steps / 1000));
}

/** A log point of a session that began after `offset` updates, on the run's step count. */
export function shift(p: LogPoint, offset: number): LogPoint {
  return offset === 0 ? p : { ...p, step: p.step + offset };
}

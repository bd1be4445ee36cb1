/**
 * What learning is doing, in words for the drawer's status line and as the `learn-status` event's
 * detail for the app's own status line.
 */
import type { LearnRun } from './learn-run';

export interface LearnStatusDetail {
  readonly state: LearnRun['status'];
  /** Updates made since learning started. */
  readonly step: number;
  /** Passes over the training set completed. */
  readonly epoch: number;
  /** Loss of the last batch, before its update; null before the first step. */
  readonly loss: number | null;
  /** Share of the training set predicted right at the last logged step; null for mse. */
  readonly accuracy: number | null;
  readonly message: string | null;
}

export function statusDetail(run: LearnRun): LearnStatusDetail {
  const point = run.history[run.history.length - 1];
  return {
    state: run.status,
    step: run.updates,
    epoch: run.epoch,
    loss: run.last?.loss ?? null,
    accuracy: point?.trainAccuracy ?? null,
    message: run.message,
  };
}

/**
 * What a screen reader is told: only changes of state, since the status line itself changes twenty
 * times a second while learning runs.
 */
export function announcement(run: LearnRun): string {
  switch (run.status) {
    case 'running':
      return 'learning';
    case 'paused':
      return `paused at step ${run.updates}`;
    case 'done':
      return `done: ${run.updates} steps`;
    default:
      return '';
  }
}

function percent(v: number | null | undefined): string | null {
  return v === null || v === undefined ? null : `${(100 * v).toFixed(1)}%`;
}

/** "step 120 of 300 · 120 epochs · loss 0.00123 · accuracy 97.5% · test 96.0%". */
export function statusText(run: LearnRun, examples: number): string {
  if (run.status === 'idle' && run.history.length === 0) {
    return examples === 0 ? 'Choose examples to learn from.' : `${examples} examples: click Learn.`;
  }
  if (run.newExamples && !run.running && run.updates > 0) {
    return `${examples} examples: click Learn to go on from the ${run.updates} step${run.updates === 1 ? '' : 's'} learned (Reset puts back the start).`;
  }
  const parts = [
    run.target === null ? `step ${run.updates}` : `step ${run.updates} of ${run.target}`,
    `${run.epoch} epoch${run.epoch === 1 ? '' : 's'}`,
  ];
  const point = run.history[run.history.length - 1];
  const loss = point?.trainLoss ?? run.last?.loss;
  if (loss !== undefined) parts.push(`loss ${loss.toPrecision(3)}`);
  const train = percent(point?.trainAccuracy);
  const test = percent(point?.testAccuracy);
  if (train !== null) parts.push(`accuracy ${train}`);
  if (test !== null) parts.push(`test ${test}`);
  if (run.status === 'done' || run.status === 'paused') parts.push(run.status);
  return parts.join(' · ');
}

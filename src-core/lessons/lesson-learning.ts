/**
 * Training for the `learn` tool: the sheet's network, and any rival the lesson names (a fully connected
 * network on the same examples, say), each with its own trainer on the same examples and settings, so
 * a comparison is fair. Runs are stepped in slices by the caller (a few steps per frame keeps the page
 * responsive; the networks of lessons are small).
 */
import { createTrainer, type Trainer, type TrainerOptions } from '../learn/trainer';
import type { Issue, Result } from '../sheet/issues';
import type { Workbook } from '../sheet/types';
import type { LessonLearning } from './lesson-types';

export function trainerOptions(learning: LessonLearning): TrainerOptions {
  return {
    loss: learning.loss,
    optimizer: learning.optimizer,
    batchSize: learning.batch,
    shuffleSeed: learning.shuffleSeed,
    test: learning.test?.examples ?? [],
  };
}

export interface LessonRun {
  readonly title: string;
  readonly trainer: Trainer;
  /** The loss of every step so far. */
  readonly losses: number[];
  /** Set when the run diverged: what happened. */
  diverged: string | null;
}

/** One run for the sheet's workbook (titled `sheetTitle`) and one per rival. */
export function createRuns(
  learning: LessonLearning,
  workbook: Workbook,
  sheetTitle: string,
): Result<LessonRun[]> {
  const nets = [{ title: sheetTitle, workbook }, ...learning.rivals];
  const runs: LessonRun[] = [];
  const errors: Issue[] = [];
  for (const net of nets) {
    const t = createTrainer(net.workbook, learning.examples.examples, trainerOptions(learning));
    if (t.ok) runs.push({ title: net.title, trainer: t.value, losses: [], diverged: null });
    else for (const e of t.errors) errors.push({ path: e.path, message: `${net.title}: ${e.message}` });
  }
  return errors.length > 0 ? { ok: false, errors, warnings: [] } : { ok: true, value: runs, warnings: [] };
}

/** Up to `steps` more steps of every run that has not finished or diverged; true while any can go on. */
export function stepRuns(runs: readonly LessonRun[], steps: number, total: number): boolean {
  let more = false;
  for (const run of runs) {
    if (run.diverged !== null) continue;
    const n = Math.min(steps, total - run.losses.length);
    if (n <= 0) continue;
    const report = run.trainer.run(n);
    run.losses.push(...report.losses);
    if (report.diverged !== null) run.diverged = report.diverged.message;
    else if (run.losses.length < total) more = true;
  }
  return more;
}

export interface RunScore {
  readonly loss: number;
  /** Share right on the training examples (null for mse). */
  readonly trainAccuracy: number | null;
  /** Share right on the held-out examples, or null when the lesson has none (or for mse). */
  readonly testAccuracy: number | null;
  readonly testLoss: number | null;
}

/** Loss and accuracy over the whole training set, and over the held-out set, with the current weights. */
export function scoreRun(run: LessonRun, learning: LessonLearning): RunScore {
  const train = run.trainer.measure('train');
  const hasTest = (learning.test?.examples.length ?? 0) > 0;
  const test = hasTest ? run.trainer.measure('test') : null;
  return {
    loss: train.loss,
    trainAccuracy: train.accuracy,
    testAccuracy: test?.accuracy ?? null,
    testLoss: test?.loss ?? null,
  };
}

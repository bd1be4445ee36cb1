/**
 * Divergence: gradient descent overshooting until the numbers run away, almost always because the
 * learning rate is too large. Learning stops when the batch loss is NaN or Infinity, when it grows
 * beyond `explodeFactor` times the loss learning started from, or when a gradient or an updated weight
 * stops being a finite number; the trainer then puts back the last weights whose loss was fine.
 */

export type DivergenceReason = 'nan' | 'infinity' | 'exploding' | 'gradient' | 'weights';

export interface Divergence {
  readonly reason: DivergenceReason;
  /** The step (from 0) at which it was seen. */
  readonly step: number;
  /** The offending loss (NaN, Infinity or the exploded value); for 'gradient'/'weights', the step's loss. */
  readonly loss: number;
  /** The weights put back are those after this many steps (0: the weights from before learning). */
  readonly restoredStep: number;
  /** What happened and what to try, in words the UI can show. */
  readonly message: string;
}

/** Default: a loss 1000 times the first one is exploding. */
export const EXPLODE_FACTOR = 1000;

/**
 * The reason a loss counts as diverged, or null when it is fine. `reference` is the first step's loss;
 * a first loss below 1e-3 counts as 1e-3, so that learning from a near-perfect start is not flagged
 * for a loss that is still small.
 */
export function lossDivergence(
  loss: number,
  reference: number | null,
  factor = EXPLODE_FACTOR,
): DivergenceReason | null {
  if (Number.isNaN(loss)) return 'nan';
  if (!Number.isFinite(loss)) return 'infinity';
  if (reference !== null && loss > factor * Math.max(reference, 1e-3)) return 'exploding';
  return null;
}

/** True when every value is a finite number. */
export function finite(values: Float64Array): boolean {
  for (const v of values) if (!Number.isFinite(v)) return false;
  return true;
}

/** The message for the UI and the command line. */
export function divergenceMessage(
  reason: DivergenceReason,
  step: number,
  loss: number,
  lr: number,
  restoredStep: number,
  reference: number | null,
): string {
  const what: Record<DivergenceReason, string> = {
    nan: 'the loss became NaN (not a number)',
    infinity: 'the loss became infinite',
    exploding: `the loss exploded to ${loss.toPrecision(4)} (from ${reference?.toPrecision(4) ?? '?'} at the start)`,
    gradient: 'a gradient became NaN or infinite',
    weights: 'a weight became NaN or infinite',
  };
  const back =
    restoredStep === 0
      ? 'the weights from before learning are back'
      : `the weights after step ${restoredStep} are back`;
  return (
    `learning diverged at step ${step + 1}: ${what[reason]}, so it stopped and ${back}; ` +
    `try a smaller learning rate, such as ${smallerRate(lr)} (now ${lr})`
  );
}

/** A tenth of the learning rate, written without float noise (0.1 * 0.3 gives 0.03, not 0.030000000000000002). */
function smallerRate(lr: number): string {
  return String(Number((lr / 10).toPrecision(6)));
}

/**
 * Gradient check: every trainable weight's analytic gradient (backpropagation) against a numerical one
 * by central differences,
 *   dL/dw ~ (L(w + h) - L(w - h)) / (2h),
 * whose error is of order h^2 (plus rounding of order 1e-16 * L / h), with the relative error
 *   |analytic - numeric| / max(|analytic|, |numeric|)   (0 when both are 0).
 * In float64 with h = 1e-6, a correct gradient typically agrees to 1e-7 or better; much larger errors
 * point at a bug, or at a kink the step straddles (a ReLU input or two tied max-pool values within h).
 * L is the mean loss over the examples given, with dropout masks drawn once and held fixed.
 */
import { createRandom } from '../random';
import { missingData } from '../sheet/data';
import { IssueList, type Result } from '../sheet/issues';
import { resolveWorkbook } from '../sheet/shapes';
import type { Workbook } from '../sheet/types';
import type { DropoutMasks } from './backprop';
import { checkExamplesFit } from './example-fit';
import type { Example } from './example-set';
import { drawDropoutMasks } from './forward';
import type { ParameterKind } from './frozen';
import type { LossName } from './losses';
import { batchGradients, measureBatch } from './minibatch';
import { trainableParameters, workingCopy } from './parameters';

export interface GradientCheckEntry {
  readonly layer: number;
  readonly kind: ParameterKind;
  readonly index: number;
  /** `layers[0].weight.data[4]`. */
  readonly path: string;
  readonly analytic: number;
  readonly numeric: number;
  readonly relativeError: number;
}

export interface GradientCheck {
  /** The loss at the current weights. */
  readonly loss: number;
  /** One entry per trainable weight and bias value, in layer order. */
  readonly entries: readonly GradientCheckEntry[];
  /** The entry with the largest relative error; null when nothing is trainable. */
  readonly worst: GradientCheckEntry | null;
}

export interface GradientCheckOptions {
  /** The step h (default 1e-6). */
  readonly step?: number;
  /** Seed of the dropout masks (default 1). */
  readonly dropoutSeed?: number;
}

export function relativeError(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

export function checkGradients(
  workbook: Workbook,
  examples: readonly Example[],
  loss: LossName,
  options: GradientCheckOptions = {},
): Result<GradientCheck> {
  const issues = new IssueList();
  const missing = missingData(workbook);
  for (const i of missing) issues.error(i.path, i.message);
  if (missing.length > 0) return issues.failure();
  const working = workingCopy(workbook);
  const resolved = resolveWorkbook(working);
  if (!resolved.ok) return resolved;
  const r = resolved.value;
  for (const i of checkExamplesFit(examples, r, loss)) issues.error(i.path, i.message);
  if (issues.errors.length > 0) return issues.failure();

  const random = createRandom(options.dropoutSeed ?? 1);
  const masks: DropoutMasks[] = examples.map(() => drawDropoutMasks(r, random));
  const fixed = (i: number): DropoutMasks | undefined => masks[i];
  const all = examples.map((_, i) => i);
  const h = options.step ?? 1e-6;
  const analytic = batchGradients(r, examples, all, loss, fixed);
  const entries: GradientCheckEntry[] = [];
  for (const p of trainableParameters(working, new Map())) {
    const grads = analytic.layers[p.layer];
    const g = p.kind === 'weight' ? grads?.weight.data : grads?.bias;
    for (let k = 0; k < p.values.length; k++) {
      const w = p.values[k] ?? 0;
      p.values[k] = w + h;
      const plus = measureBatch(r, examples, all, loss, fixed).loss;
      p.values[k] = w - h;
      const minus = measureBatch(r, examples, all, loss, fixed).loss;
      p.values[k] = w;
      const numeric = (plus - minus) / (2 * h);
      const a = g?.[k] ?? NaN;
      entries.push({
        layer: p.layer,
        kind: p.kind,
        index: k,
        path: `${p.path}[${k}]`,
        analytic: a,
        numeric,
        relativeError: relativeError(a, numeric),
      });
    }
  }
  const worst = entries.reduce<GradientCheckEntry | null>(
    (m, e) => (m === null || !(e.relativeError <= m.relativeError) ? e : m),
    null,
  );
  return issues.result({ loss: analytic.loss, entries, worst });
}

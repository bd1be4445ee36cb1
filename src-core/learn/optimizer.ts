/**
 * Optimizers, exactly as torch.optim with its defaults (dampening 0, betas (0.9, 0.999), eps 1e-8):
 * SGD with optional momentum, Nesterov momentum and weight decay (sgd.ts), and Adam with weight decay
 * in torch.optim.Adam's L2 form (adam.ts). Each keeps its state (momentum buffers, moments) per
 * parameter, and skips frozen cells: a frozen cell neither moves nor gathers state.
 */
import type { Issue } from '../sheet/issues';
import { createAdam } from './adam';
import type { Parameter } from './parameters';
import { createSgd } from './sgd';

export interface SgdSettings {
  readonly name: 'sgd';
  /** Learning rate. */
  readonly lr: number;
  /** Momentum factor (0: plain gradient descent). */
  readonly momentum?: number;
  /** Nesterov momentum (needs momentum > 0). */
  readonly nesterov?: boolean;
  /** L2 penalty: weightDecay * w is added to dL/dw. */
  readonly weightDecay?: number;
}

export interface AdamSettings {
  readonly name: 'adam';
  readonly lr: number;
  /** Decay of the running mean of the gradient (default 0.9). */
  readonly beta1?: number;
  /** Decay of the running mean of the squared gradient (default 0.999). */
  readonly beta2?: number;
  /** Added to the denominator for numerical stability (default 1e-8). */
  readonly eps?: number;
  /** L2 penalty added to the gradient (torch.optim.Adam's form, not AdamW's). */
  readonly weightDecay?: number;
}

export type OptimizerSettings = SgdSettings | AdamSettings;

export type OptimizerName = OptimizerSettings['name'];

export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd', 'adam'];

export interface Optimizer {
  readonly settings: OptimizerSettings;
  /** Updates of this optimizer so far (Adam's t). */
  readonly steps: number;
  /** One update of every parameter from its gradient (`grads[i]` is dL/d params[i]); frozen cells are skipped. */
  step(params: readonly Parameter[], grads: readonly Float64Array[]): void;
  /** Takes effect at the next step; the state (momentum, moments) is kept. */
  setLearningRate(lr: number): void;
  /** Forgets the state, as a newly created torch optimizer. */
  reset(): void;
}

export function createOptimizer(settings: OptimizerSettings): Optimizer {
  return settings.name === 'sgd' ? createSgd(settings) : createAdam(settings);
}

/** The rules torch.optim checks on construction, as issues naming the setting. */
export function checkOptimizerSettings(settings: OptimizerSettings): Issue[] {
  const issues: Issue[] = [];
  const rule = (ok: boolean, key: string, message: string): void => {
    if (!ok) issues.push({ path: `optimizer.${key}`, message });
  };
  const positive = (v: number): boolean => Number.isFinite(v) && v > 0;
  rule(positive(settings.lr), 'lr', `the learning rate must be a number above 0; got ${settings.lr}`);
  const wd = settings.weightDecay ?? 0;
  rule(Number.isFinite(wd) && wd >= 0, 'weightDecay', `weight decay must be 0 or more; got ${wd}`);
  if (settings.name === 'sgd') {
    const m = settings.momentum ?? 0;
    rule(Number.isFinite(m) && m >= 0, 'momentum', `momentum must be 0 or more; got ${m}`);
    rule(
      settings.nesterov !== true || m > 0,
      'nesterov',
      'Nesterov momentum needs a momentum above 0 (as torch.optim.SGD)',
    );
  } else {
    const inUnit = (v: number): boolean => Number.isFinite(v) && v >= 0 && v < 1;
    rule(inUnit(settings.beta1 ?? 0.9), 'beta1', `beta1 must be in [0, 1); got ${settings.beta1}`);
    rule(inUnit(settings.beta2 ?? 0.999), 'beta2', `beta2 must be in [0, 1); got ${settings.beta2}`);
    rule(
      Number.isFinite(settings.eps ?? 1e-8) && (settings.eps ?? 1e-8) >= 0,
      'eps',
      `eps must be 0 or more`,
    );
  }
  return issues;
}

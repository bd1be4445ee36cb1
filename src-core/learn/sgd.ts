/**
 * Stochastic gradient descent as torch.optim.SGD (dampening 0), per value w with gradient g:
 *   g = g + weightDecay * w                       (weight decay, when not 0)
 *   b = g at the first step, then b = momentum * b + g   (momentum buffer, when momentum is not 0)
 *   g = g + momentum * b  (Nesterov)  or  g = b   (plain momentum)
 *   w = w - lr * g
 */
import type { Optimizer, SgdSettings } from './optimizer';
import type { Parameter } from './parameters';

export function createSgd(initial: SgdSettings): Optimizer {
  let settings = initial;
  let steps = 0;
  /** Momentum buffer of each parameter, created at its first step. */
  let buffers: (Float64Array | undefined)[] = [];

  return {
    get settings() {
      return settings;
    },
    get steps() {
      return steps;
    },
    step(params: readonly Parameter[], grads: readonly Float64Array[]): void {
      const { lr } = settings;
      const momentum = settings.momentum ?? 0;
      const nesterov = settings.nesterov ?? false;
      const weightDecay = settings.weightDecay ?? 0;
      params.forEach((p, i) => {
        const grad = grads[i];
        if (grad === undefined) return;
        const w = p.values;
        const first = buffers[i] === undefined;
        const buf = momentum === 0 ? undefined : (buffers[i] ??= new Float64Array(w.length));
        for (let k = 0; k < w.length; k++) {
          if (p.frozen?.[k]) continue;
          const wk = w[k] ?? 0;
          let g = grad[k] ?? 0;
          if (weightDecay !== 0) g = g + weightDecay * wk;
          if (buf !== undefined) {
            const b = first ? g : momentum * (buf[k] ?? 0) + g;
            buf[k] = b;
            g = nesterov ? g + momentum * b : b;
          }
          w[k] = wk - lr * g;
        }
      });
      steps++;
    },
    setLearningRate(lr: number): void {
      settings = { ...settings, lr };
    },
    reset(): void {
      steps = 0;
      buffers = [];
    },
  };
}

/**
 * Adam as torch.optim.Adam (Kingma and Ba, 2015; weight decay in its L2 form), per value w with
 * gradient g at step t = 1, 2, ...:
 *   g = g + weightDecay * w                      (when not 0)
 *   m = beta1 * m + (1 - beta1) * g              (running mean of g)
 *   v = beta2 * v + (1 - beta2) * g^2            (running mean of g^2)
 *   w = w - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * The bias corrections undo the zero start of m and v; at t = 1 the update is lr * g / (|g| + eps').
 */
import type { AdamSettings, Optimizer } from './optimizer';
import type { Parameter } from './parameters';

export function createAdam(initial: AdamSettings): Optimizer {
  let settings = initial;
  let steps = 0;
  /** First and second moments of each parameter. */
  let moments: ({ m: Float64Array; v: Float64Array } | undefined)[] = [];

  return {
    get settings() {
      return settings;
    },
    get steps() {
      return steps;
    },
    step(params: readonly Parameter[], grads: readonly Float64Array[]): void {
      const { lr } = settings;
      const beta1 = settings.beta1 ?? 0.9;
      const beta2 = settings.beta2 ?? 0.999;
      const eps = settings.eps ?? 1e-8;
      const weightDecay = settings.weightDecay ?? 0;
      const t = steps + 1;
      const stepSize = lr / (1 - beta1 ** t);
      const correction2 = Math.sqrt(1 - beta2 ** t);
      params.forEach((p, i) => {
        const grad = grads[i];
        if (grad === undefined) return;
        const w = p.values;
        const state = (moments[i] ??= { m: new Float64Array(w.length), v: new Float64Array(w.length) });
        const { m, v } = state;
        for (let k = 0; k < w.length; k++) {
          if (p.frozen?.[k]) continue;
          const wk = w[k] ?? 0;
          let g = grad[k] ?? 0;
          if (weightDecay !== 0) g = g + weightDecay * wk;
          const mk = (m[k] ?? 0) * beta1 + (1 - beta1) * g;
          const vk = (v[k] ?? 0) * beta2 + (1 - beta2) * g * g;
          m[k] = mk;
          v[k] = vk;
          w[k] = wk - stepSize * (mk / (Math.sqrt(vk) / correction2 + eps));
        }
      });
      steps = t;
    },
    setLearningRate(lr: number): void {
      settings = { ...settings, lr };
    },
    reset(): void {
      steps = 0;
      moments = [];
    },
  };
}

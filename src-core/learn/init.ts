/**
 * Weight initialisation, seeded, for the trainable conv2d and dense layers. With fan_in = IN * KH * KW
 * and fan_out = OUT * KH * KW for a conv (IN and OUT for a dense layer), as torch.nn.init computes them:
 *   keep:    the current values;
 *   zeros:   every weight and bias 0 (every filter then gets the same gradient: they never differ);
 *   uniform: PyTorch's own default for nn.Conv2d and nn.Linear, weights and biases from
 *            U(-1/sqrt(fan_in), 1/sqrt(fan_in));
 *   normal:  weights from N(0, std^2), std = 1/sqrt(fan_in) unless given;
 *   xavier:  Glorot uniform, U(-a, a) with a = sqrt(6 / (fan_in + fan_out)) (nn.init.xavier_uniform_);
 *   he:      Kaiming normal for ReLU networks, N(0, 2 / fan_in) (nn.init.kaiming_normal_, fan_in mode).
 * Biases start at 0 except with `uniform`. Frozen cells, non-trainable layers and the zero bias of a
 * bias-free layer are left as they are. Values are drawn layer by layer, weights before bias, row-major.
 */
import { createRandom, type Random } from '../random';
import type { Layer, Workbook } from '../sheet/types';
import type { FrozenMasks } from './frozen';
import { isWeighted, workingCopy } from './parameters';

export type InitScheme = 'keep' | 'zeros' | 'uniform' | 'normal' | 'xavier' | 'he';

export const INIT_SCHEMES: readonly InitScheme[] = ['keep', 'zeros', 'uniform', 'normal', 'xavier', 'he'];

export interface InitOptions {
  readonly scheme: InitScheme;
  readonly seed: number;
  /** Standard deviation for `normal` (default 1/sqrt(fan_in)). */
  readonly std?: number;
  /** Cells to leave as they are (frozen.ts). */
  readonly frozen?: FrozenMasks;
}

/** fan_in and fan_out of a conv2d or dense layer, as torch.nn.init._calculate_fan_in_and_fan_out. */
export function fans(layer: Extract<Layer, { type: 'conv2d' | 'dense' }>): { fanIn: number; fanOut: number } {
  const [out, inputs, kh = 1, kw = 1] = layer.weight.shape;
  const field = kh * kw;
  return { fanIn: inputs * field, fanOut: out * field };
}

/** A copy of the workbook with its trainable layers initialised (the workbook needs all its values). */
export function initializeWeights(workbook: Workbook, options: InitOptions): Workbook {
  const result = workingCopy(workbook);
  if (options.scheme === 'keep') return result;
  const random = createRandom(options.seed);
  result.layers.forEach((layer, k) => {
    if (!isWeighted(layer) || !layer.trainable) return;
    const { fanIn, fanOut } = fans(layer);
    const draw = weightDraw(options, fanIn, fanOut, random);
    const biasDraw = options.scheme === 'uniform' ? draw : (): number => 0;
    const masks = options.frozen?.get(k);
    fill(layer.weight.data, masks?.weight, draw);
    if (layer.hasBias) fill(layer.bias.data, masks?.bias, biasDraw);
  });
  return result;
}

function weightDraw(options: InitOptions, fanIn: number, fanOut: number, random: Random): () => number {
  const uniform = (a: number) => (): number => (2 * random.next() - 1) * a;
  const normal = (std: number) => (): number => random.normal() * std;
  switch (options.scheme) {
    case 'keep':
    case 'zeros':
      return () => 0;
    case 'uniform':
      return uniform(1 / Math.sqrt(fanIn));
    case 'normal':
      return normal(options.std ?? 1 / Math.sqrt(fanIn));
    case 'xavier':
      return uniform(Math.sqrt(6 / (fanIn + fanOut)));
    case 'he':
      return normal(Math.sqrt(2 / fanIn));
  }
}

/** Draws a value for every cell and keeps it unless the cell is frozen, so freezing one cell changes no other. */
function fill(values: Float64Array | null, frozen: Uint8Array | undefined, draw: () => number): void {
  if (values === null) return;
  for (let i = 0; i < values.length; i++) {
    const v = draw();
    if (!frozen?.[i]) values[i] = v;
  }
}

/**
 * Backpropagation through a whole pipeline: given dL/d(final output), the gradient of L with respect to
 * the input and to every layer's weights and biases, by the chain rule applied layer by layer from the
 * last to the first. Each step calls the backward that sits beside its forward in `src-core/ops`.
 */
import {
  activationBackward,
  avgPool2dBackward,
  conv2dBackward,
  denseBackward,
  dropoutBackward,
  dropoutTrainBackward,
  flattenBackward,
  globalAvgPoolBackward,
  globalMaxPoolBackward,
  maxPool2dBackward,
  softmaxBackward,
  type DropoutMask,
} from '../ops';
import type { Tensor } from '../tensor';
import { asShape, valuesOf, type Evaluation } from '../sheet/evaluate';
import type { ResolvedLayer, ResolvedWorkbook } from '../sheet/shapes';

/** dL/dweight and dL/dbias of one conv or dense layer, shaped like the weight and the bias. */
export interface ParameterGradients {
  readonly weight: Tensor;
  readonly bias: Float64Array;
}

export interface Gradients {
  /** dL/dinput, C x H x W. */
  readonly input: Tensor;
  /** Per layer: its parameter gradients, or null for a layer without weights. */
  readonly layers: (ParameterGradients | null)[];
}

/** Dropout masks in use while learning, by layer index; evaluation (no mask) is the identity. */
export type DropoutMasks = ReadonlyMap<number, DropoutMask>;

/**
 * Gradients of L for one example, from `gradOutput` = dL/d(final output). `evaluation` must be the
 * forward pass of `resolved` on that example (with the same dropout masks).
 *
 * With `end` < the number of layers, the loss is taken on the output of layer `end - 1` (the input
 * when `end` is 0) and `gradOutput` is dL/d(that output): cross-entropy on the logits that enter a
 * final softmax. Layers from `end` on get no gradients (null).
 */
export function backward(
  resolved: ResolvedWorkbook,
  evaluation: Evaluation,
  gradOutput: Tensor,
  masks?: DropoutMasks,
  end = resolved.layers.length,
): Gradients {
  const layers: (ParameterGradients | null)[] = resolved.layers.map(() => null);
  let grad = gradOutput;
  for (let k = Math.min(end, resolved.layers.length) - 1; k >= 0; k--) {
    const r = resolved.layers[k];
    const output = evaluation.outputs[k];
    const input = k === 0 ? evaluation.input : evaluation.outputs[k - 1];
    if (r === undefined || output === undefined || input === undefined)
      throw new RangeError('evaluation is incomplete');
    const step = layerBackward(r, input, output, grad, evaluation.argmax[k], masks?.get(k));
    layers[k] = step.parameters;
    grad = step.gradInput;
  }
  return { input: grad, layers };
}

interface LayerStep {
  readonly gradInput: Tensor;
  readonly parameters: ParameterGradients | null;
}

/** One layer's backward: dL/d(its input) from dL/d(its output), and its parameter gradients. */
export function layerBackward(
  r: ResolvedLayer,
  x: Tensor,
  y: Tensor,
  gradOutput: Tensor,
  argmax?: Int32Array,
  mask?: DropoutMask,
): LayerStep {
  const none = (gradInput: Tensor): LayerStep => ({ gradInput, parameters: null });
  switch (r.type) {
    case 'conv2d': {
      const l = r.layer;
      const g = conv2dBackward(x, valuesOf(l.weight, r.label), r.geometry, l.paddingMode, l.flip, gradOutput);
      return { gradInput: g.gradInput, parameters: { weight: g.gradWeight, bias: g.gradBias } };
    }
    case 'dense': {
      const g = denseBackward(x, valuesOf(r.layer.weight, r.label), gradOutput);
      return { gradInput: g.gradInput, parameters: { weight: g.gradWeight, bias: g.gradBias } };
    }
    case 'relu':
    case 'sigmoid':
    case 'tanh':
      return none(activationBackward(r.type, x, y, gradOutput));
    case 'leaky_relu':
      return none(activationBackward('leaky_relu', x, y, gradOutput, r.layer.slope));
    case 'maxpool2d':
      return none(maxPool2dBackward(x, r.geometry, gradOutput, argmax));
    case 'avgpool2d':
      return none(avgPool2dBackward(x, r.geometry, gradOutput, r.layer.countIncludePad));
    case 'globalavgpool':
      return none(globalAvgPoolBackward(x, gradOutput));
    case 'globalmaxpool':
      return none(globalMaxPoolBackward(x, gradOutput, y));
    case 'flatten':
      return none(flattenBackward(x.shape, gradOutput));
    case 'softmax':
      return none(asShape(softmaxBackward(y, asShape(gradOutput, y.shape)), x.shape));
    case 'dropout':
      return none(
        mask === undefined ? dropoutBackward(gradOutput) : dropoutTrainBackward(gradOutput, mask, r.layer.p),
      );
  }
}

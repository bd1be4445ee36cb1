/**
 * Counting, as courses compare layers: for each layer its parameters, output values, multiplications
 * and activation memory, beside what a fully connected layer from the same input to the same output
 * would need. Works on shape-only workbooks: no value is computed.
 */
import type { ResolvedWorkbook } from '../sheet/shapes';

export interface LayerCount {
  readonly name: string;
  readonly type: string;
  /** Weights and biases (torchinfo). */
  readonly params: number;
  /** C x H x W of the output. */
  readonly outputValues: number;
  /** Multiply-accumulates for one example (torchinfo: conv output values x C_in x KH x KW). */
  readonly macs: number;
  /**
   * Connections, as LeNet-5's paper counts them: every output value's inputs plus its bias, i.e.
   * output values x (C_in x KH x KW + 1) for a conv with bias; 0 for layers without weights.
   */
  readonly connections: number;
  /** Bytes to hold the output at 4 bytes a value (float32, as frameworks store activations). */
  readonly activationBytes: number;
  /**
   * A dense layer from the same input values to the same output values: in x out weights + out biases,
   * and in x out multiplications. Only for layers with weights (null otherwise).
   */
  readonly fullyConnected: { readonly params: number; readonly macs: number } | null;
}

export function countLayers(resolved: ResolvedWorkbook): LayerCount[] {
  return resolved.layers.map((r) => {
    const inputValues = r.inputShape[0] * r.inputShape[1] * r.inputShape[2];
    const outputValues = r.outputShape[0] * r.outputShape[1] * r.outputShape[2];
    const weighted = r.type === 'conv2d' || r.type === 'dense';
    const fanIn =
      r.type === 'conv2d' || r.type === 'dense'
        ? r.layer.weight.shape.slice(1).reduce((a, b) => a * b, 1)
        : 0;
    const hasBias = (r.type === 'conv2d' || r.type === 'dense') && r.layer.hasBias;
    return {
      name: r.layer.name,
      type: r.type,
      params: r.params,
      outputValues,
      macs: r.macs,
      connections: weighted ? outputValues * (fanIn + (hasBias ? 1 : 0)) : 0,
      activationBytes: outputValues * 4,
      fullyConnected: weighted
        ? { params: inputValues * outputValues + outputValues, macs: inputValues * outputValues }
        : null,
    };
  });
}

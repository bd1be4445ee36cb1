/**
 * Parameters and multiply-accumulates per layer, as torchinfo counts them (CONTRACTS.md section 4).
 */
import { sizeOf } from '../tensor';
import type { Layer, Shape3 } from './types';

/**
 * Weights plus biases: conv OUT*IN*KH*KW + OUT, dense OUT*IN + OUT; a bias-free layer has no bias
 * parameters (torchinfo on `bias=False`). Frozen layers count too: torchinfo's total includes them.
 */
export function parameterCount(layer: Layer): number {
  if (layer.type !== 'conv2d' && layer.type !== 'dense') return 0;
  return sizeOf(layer.weight.shape) + (layer.hasBias ? layer.weight.shape[0] : 0);
}

/**
 * Multiply-accumulates for one example: conv = output values x C_in x KH x KW (each output value is one
 * filter's dot product with its window), dense = OUT x IN; pools and activations count 0.
 */
export function multiplyAccumulates(layer: Layer, output: Shape3): number {
  if (layer.type === 'conv2d') {
    const [, cIn, kh, kw] = layer.weight.shape;
    return sizeOf(output) * cIn * kh * kw;
  }
  if (layer.type === 'dense') return layer.weight.shape[0] * layer.weight.shape[1];
  return 0;
}

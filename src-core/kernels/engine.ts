/**
 * Which engine computes conv2d (and ReLU and max pooling, which share its kernels): the WebAssembly
 * kernels where the host has them (fast), or the plain TypeScript loops of ops/conv2d-reference.ts,
 * ops/activation.ts and ops/pool.ts (the reference, always there). Both compute the same formula;
 * tests hold the fast one to the reference on every option.
 */
import { conv2dKernels, type Conv2dKernels } from './wasm-module';

export type Conv2dEngine = 'wasm' | 'reference';

let preferred: Conv2dEngine = 'wasm';

/** Chooses the engine for the calls that follow ('wasm' falls back to the reference where absent). */
export function setConv2dEngine(engine: Conv2dEngine): void {
  preferred = engine;
}

/** The engine conv2d runs on now. */
export function conv2dEngine(): Conv2dEngine {
  return activeConv2dKernels() === null ? 'reference' : 'wasm';
}

/** The WebAssembly kernels when they are chosen and available, else null. */
export function activeConv2dKernels(): Conv2dKernels | null {
  return preferred === 'wasm' ? conv2dKernels() : null;
}

/**
 * TensorFlow.js peers: tfjs-core with its cpu backend and with its wasm backend (SIMD, one thread),
 * float32, NHWC. The wasm backend has no filter-gradient kernel, so both peers compute the training step
 * as ordinary forward convolutions (the standard identities, stride 1):
 *   dL/dfilter = conv2d(input with batch and channel axes swapped, dL/dy as the filter bank), same padding
 *   dL/dinput  = conv2d(dL/dy, filters rotated 180 degrees with in/out swapped), padding K - 1 - p
 *   dL/dbias   = sum of dL/dy over the map.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { ConvData, StepResult } from './engine-cases';

export type TfjsBackend = 'cpu' | 'wasm';

export interface PreparedConv {
  /** The timed calls: tfjs's own output (float32, NHWC / HWIO). */
  forward(): unknown;
  step(): unknown;
  /** Both results in our layouts, for the check against ours. */
  check(): { forward: Float64Array; step: StepResult };
  dispose(): void;
}

/** Registers both backends; returns what the wasm backend runs (SIMD, threads). */
export async function initTfjs(): Promise<string> {
  // In Node the wasm backend reads its .wasm files from a directory path: the package's dist folder.
  const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  setWasmPaths(join(dist, '/'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await useBackend('wasm');
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
  return `tfjs ${tf.version_core}, wasm ${simd}, 1 thread`;
}

export async function useBackend(backend: TfjsBackend): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} did not start`);
  await tf.ready();
}

/** [C, H, W] -> [H, W, C] values. */
function toHwc(src: Float64Array, c: number, h: number, w: number): Float32Array {
  const out = new Float32Array(src.length);
  for (let ch = 0; ch < c; ch++) for (let k = 0; k < h * w; k++) out[k * c + ch] = src[ch * h * w + k] ?? 0;
  return out;
}

/** [H, W, C] -> [C, H, W] values. */
function toChw(src: ArrayLike<number>, c: number, h: number, w: number): Float64Array {
  const out = new Float64Array(src.length);
  for (let ch = 0; ch < c; ch++) for (let k = 0; k < h * w; k++) out[ch * h * w + k] = src[k * c + ch] ?? 0;
  return out;
}

/** OIHW <-> HWIO: filter[o, c, i, j] of ours sits at ((i * K + j) * C_in + c) * C_out + o in tfjs. */
function hwioIndex(o: number, c: number, ij: number, cIn: number, cOut: number): number {
  return (ij * cIn + c) * cOut + o;
}

function toHwio(src: Float64Array, cOut: number, cIn: number, taps: number): Float32Array {
  const out = new Float32Array(src.length);
  for (let o = 0; o < cOut; o++)
    for (let c = 0; c < cIn; c++)
      for (let ij = 0; ij < taps; ij++)
        out[hwioIndex(o, c, ij, cIn, cOut)] = src[(o * cIn + c) * taps + ij] ?? 0;
  return out;
}

function toOihw(src: ArrayLike<number>, cOut: number, cIn: number, taps: number): Float64Array {
  const out = new Float64Array(src.length);
  for (let o = 0; o < cOut; o++)
    for (let c = 0; c < cIn; c++)
      for (let ij = 0; ij < taps; ij++)
        out[(o * cIn + c) * taps + ij] = src[hwioIndex(o, c, ij, cIn, cOut)] ?? 0;
  return out;
}

/** Tensors of one case on the current backend, and its forward and step. */
export function prepareTfjs(d: ConvData): PreparedConv {
  const { cIn, h, w, cOut, k, pad } = d.c;
  const { oh, ow } = d;
  const taps = k * k;
  const x = tf.tensor4d(toHwc(d.input.data, cIn, h, w), [1, h, w, cIn]);
  const wt = tf.tensor4d(toHwio(d.weight.data, cOut, cIn, taps), [k, k, cIn, cOut]);
  const b = tf.tensor1d(Float32Array.from(d.bias));
  const dy = tf.tensor4d(toHwc(d.gradOutput.data, cOut, oh, ow), [1, oh, ow, cOut]);
  const same = pad;
  const full = k - 1 - pad;
  const padding = (p: number): [[number, number], [number, number], [number, number], [number, number]] => [
    [0, 0],
    [p, p],
    [p, p],
    [0, 0],
  ];
  const forwardTensor = () => tf.add(tf.conv2d(x, wt, 1, padding(same)), b);
  // Timed: what a tfjs user runs to get the numbers (the ops and dataSync). The conversion to our
  // layouts for the check is not.
  const forward = () => {
    const y = tf.tidy(forwardTensor);
    const values = y.dataSync();
    y.dispose();
    return values;
  };
  const step = () => {
    const outs = tf.tidy(() => {
      const y = forwardTensor();
      const xT = tf.transpose(x, [3, 1, 2, 0]);
      const dyAsFilters = tf.transpose(dy, [1, 2, 0, 3]);
      const dW = tf.transpose(tf.conv2d(xT, dyAsFilters, 1, padding(same)), [1, 2, 0, 3]);
      const rotated = tf.transpose(tf.reverse(wt, [0, 1]), [0, 1, 3, 2]);
      const dx = tf.conv2d(dy, rotated, 1, padding(full));
      return [y, dx, dW, tf.sum(dy, [0, 1, 2])];
    });
    const values = outs.map((t) => t.dataSync());
    tf.dispose(outs);
    return values;
  };
  return {
    forward,
    step,
    check() {
      const [y, dx, dW, db] = step();
      return {
        forward: toChw(forward(), cOut, oh, ow),
        step: {
          output: toChw(y ?? [], cOut, oh, ow),
          gradInput: toChw(dx ?? [], cIn, h, w),
          gradWeight: toOihw(dW ?? [], cOut, cIn, taps),
          gradBias: Float64Array.from(db ?? []),
        },
      };
    },
    dispose() {
      tf.dispose([x, wt, b, dy]);
    },
  };
}
